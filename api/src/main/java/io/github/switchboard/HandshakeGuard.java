package io.github.switchboard;

/**
 * Decides whether a WebSocket upgrade may proceed: Bun's {@code fetch(req, server)} in front of
 * {@code server.upgrade(req, { data })}. Implementations are CDI beans (any scope; a
 * {@code @Dependent} guard is created and destroyed for each handshake).
 *
 * <p>Before each upgrade of an endpoint that uses the Switchboard configurator, every guard that
 * {@link #appliesTo applies} runs in ascending {@link #order()} (ties by class name), on the
 * container's handshake thread, after the origin check. The first rejection ends the handshake;
 * later guards do not run. Each guard sees the data attached by the guards before it.
 *
 * <p>A guard that throws rejects the upgrade with {@code 500}; the exception is logged once with a
 * correlation id that the response also carries, and its message is never sent to the client.
 * Guards run on the handshake path of every connection: keep them fast and non-blocking where
 * possible.
 */
@FunctionalInterface
public interface HandshakeGuard {

    /**
     * Checks one handshake.
     *
     * @param handshake the immutable request snapshot
     * @param attached  the data attached by the guards that ran before this one
     * @return accept (with data to attach) or reject; never null
     * @throws Exception to reject with 500
     */
    GuardResult check(Handshake handshake, Attachments attached) throws Exception;

    /** Guards run in ascending order; the default is 0. */
    default int order() {
        return 0;
    }

    /**
     * Whether this guard applies to the endpoint class of the handshake; the default applies it
     * to every Switchboard endpoint.
     */
    default boolean appliesTo(Class<?> endpointClass) {
        return true;
    }
}

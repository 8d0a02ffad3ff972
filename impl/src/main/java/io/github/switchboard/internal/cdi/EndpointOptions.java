package io.github.switchboard.internal.cdi;

import io.github.switchboard.WebSocketOptions;

/**
 * The options of one endpoint, resolved once ({@code maxPayloadLength} is
 * {@code Long.MAX_VALUE} when only the server's own limit applies): {@link WebSocketOptions} on the class, else the
 * application-wide setting ({@link Settings}), else the built-in default. Immutable.
 */
public record EndpointOptions(long backpressureLimit, boolean closeOnBackpressureLimit,
        boolean publishToSelf, int maxSubscriptions, long maxPayloadLength,
        int maxMessagesPerSecond, long idleTimeoutMillis, boolean sendPings,
        boolean perMessageDeflate) {

    /** 1 MiB: what a connection may have accepted and not yet written. */
    public static final long DEFAULT_BACKPRESSURE_LIMIT = 1L << 20;
    /** Topics per connection. */
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1_000;
    /** Messages per second a client may send. */
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 1_000;

    /**
     * Resolves the options of {@code endpoint} on a server whose own idle timeout is
     * {@code serverIdleMillis} (0: the server does not enforce one); fails with SWB-2006 on a
     * malformed setting.
     */
    public static EndpointOptions of(Class<?> endpoint, long serverIdleMillis) {
        WebSocketOptions o = endpoint == null ? null : endpoint.getAnnotation(WebSocketOptions.class);
        long limit = o != null && o.backpressureLimit() > 0 ? o.backpressureLimit()
                : Settings.positiveLong("switchboard.backpressure-limit", DEFAULT_BACKPRESSURE_LIMIT);
        boolean close = toggle(o == null ? WebSocketOptions.Toggle.DEFAULT
                : o.closeOnBackpressureLimit(), "switchboard.close-on-backpressure-limit");
        boolean self = toggle(o == null ? WebSocketOptions.Toggle.DEFAULT : o.publishToSelf(),
                "switchboard.publish-to-self");
        long subscriptions = o != null && o.maxSubscriptions() > 0 ? o.maxSubscriptions()
                : Settings.positiveLong("switchboard.max-subscriptions", DEFAULT_MAX_SUBSCRIPTIONS);
        long payload = o != null && o.maxPayloadLength() > 0 ? o.maxPayloadLength()
                : Settings.positiveLong("switchboard.max-payload-length", Long.MAX_VALUE);
        long rate = o != null && o.maxMessagesPerSecond() > 0 ? o.maxMessagesPerSecond()
                : Settings.positiveLong("switchboard.max-messages-per-second",
                        DEFAULT_MAX_MESSAGES_PER_SECOND);
        long setting = Settings.nonNegativeLong("switchboard.idle-timeout", -1);
        long idle = o != null && o.idleTimeoutSeconds() >= 0 ? o.idleTimeoutSeconds() * 1000L
                : setting >= 0 ? setting * 1000L : serverIdleMillis;
        boolean pings = toggle(o == null ? WebSocketOptions.Toggle.DEFAULT : o.sendPings(),
                "switchboard.send-pings", true);
        boolean deflate = toggle(o == null ? WebSocketOptions.Toggle.DEFAULT
                : o.perMessageDeflate(), "switchboard.per-message-deflate");
        return new EndpointOptions(limit, close, self,
                (int) Math.min(Integer.MAX_VALUE, subscriptions), payload,
                (int) Math.min(Integer.MAX_VALUE, rate), serverIdleMillis == 0 ? 0 : idle, pings,
                deflate);
    }

    private static boolean toggle(WebSocketOptions.Toggle t, String setting) {
        return toggle(t, setting, false);
    }

    private static boolean toggle(WebSocketOptions.Toggle t, String setting, boolean fallback) {
        return switch (t) {
            case ON -> true;
            case OFF -> false;
            case DEFAULT -> Settings.bool(setting, fallback);
        };
    }
}

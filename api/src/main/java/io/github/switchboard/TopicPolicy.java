package io.github.switchboard;

/**
 * Decides whether a connection may subscribe to, or publish into, a topic: Phoenix's channel
 * {@code join} authorization, on CDI. Implementations are CDI beans (any scope), found at the
 * first subscribe or publish and kept for the application's life.
 *
 * <p>Consulted on every {@link Connection#subscribe} (also through {@link Topics#subscribe}) and
 * every {@link Connection#publish} from a connection, with the connection current (its scope and
 * stand-ins work); publishes from {@link Topics} are the server's and are trusted. Every policy
 * must allow: the first that denies, or throws (fail closed), decides. A denial is a result:
 * {@code subscribe} returns false and a publish reports {@link PublishResult#denied()}; it is
 * counted and logged at a bounded rate ({@code SWB-1113}). With no policy bean every topic is
 * open. Policies run on the caller's thread on every call: keep them fast and non-blocking.
 */
@FunctionalInterface
public interface TopicPolicy {

    /** What the connection wants to do with the topic. */
    enum Action {
        /** {@link Connection#subscribe}. */
        SUBSCRIBE,
        /** {@link Connection#publish}. */
        PUBLISH
    }

    /**
     * Whether {@code connection} may do {@code action} on {@code topic} (a valid topic name).
     *
     * @throws Exception to deny (logged)
     */
    boolean allows(Connection connection, String topic, Action action) throws Exception;

    /** Policies run in ascending order; the default is 0. */
    default int order() {
        return 0;
    }
}

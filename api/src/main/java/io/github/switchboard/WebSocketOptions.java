package io.github.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-endpoint options, Bun's {@code websocket: { ... }} object, on a Switchboard endpoint class.
 * Every attribute left at its default falls back to the application-wide setting: the system
 * property named in its Javadoc (or the same MicroProfile Config property when MicroProfile
 * Config is present), else the built-in secure default.
 *
 * <pre>{@code
 * @WebSocketOptions(backpressureLimit = 4 << 20, publishToSelf = Toggle.ON)
 * @ServerEndpoint(value = "/feed", configurator = SwitchboardConfigurator.class)
 * public class Feed { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebSocketOptions {

    /** A boolean option that can also be left to the application-wide setting. */
    enum Toggle {
        /** The application-wide setting. */
        DEFAULT,
        /** On for this endpoint. */
        ON,
        /** Off for this endpoint. */
        OFF
    }

    /**
     * Bytes a connection may have accepted for sending and not yet written (its outbound
     * buffer). A message that would cross it is dropped ({@link SendResult.Status#DROPPED}),
     * unless the buffer is empty: a single message larger than the limit is still sent. Default
     * 1 MiB ({@code switchboard.backpressure-limit}); values &lt;= 0 here mean "not set".
     */
    long backpressureLimit() default -1;

    /**
     * Close the connection with 1008 (policy violation) instead of dropping, when a message
     * would cross {@link #backpressureLimit}: for clients that must never miss a message. Default
     * off ({@code switchboard.close-on-backpressure-limit}).
     */
    Toggle closeOnBackpressureLimit() default Toggle.DEFAULT;

    /**
     * Whether {@link Connection#publish} also delivers to the sender when it is subscribed.
     * Default off, as in Bun ({@code switchboard.publish-to-self}).
     */
    Toggle publishToSelf() default Toggle.DEFAULT;

    /**
     * The most topics one connection may be subscribed to; {@link Connection#subscribe} returns
     * false past it. Default 1,000 ({@code switchboard.max-subscriptions}); values &lt;= 0 here
     * mean "not set".
     */
    int maxSubscriptions() default -1;

    /**
     * The largest message a client may send, in payload bytes (over all fragments); a larger one
     * closes the connection with 1009. At most the server's own limit (the embedded server's
     * {@code maxMessageSize}, default 1 MiB), which also sizes its buffers; a larger value is
     * capped. Default the server's limit ({@code switchboard.max-payload-length}); values
     * &lt;= 0 here mean "not set".
     */
    int maxPayloadLength() default -1;

    /**
     * Messages a client may send per second, as a token bucket holding one second's worth: a
     * burst up to this many, then this many per second; the connection that goes faster is
     * closed with 1008. Default 1,000 ({@code switchboard.max-messages-per-second}); values
     * &lt;= 0 here mean "not set".
     */
    int maxMessagesPerSecond() default -1;

    /**
     * Seconds without any frame from the client after which the connection is closed with
     * 1000 ("idle timeout"); 0 disables it. With {@link #sendPings} a ping is sent halfway, so a
     * live client's pong keeps it open. Default the embedded server's {@code idleTimeout}
     * (120 s, Bun's default) ({@code switchboard.idle-timeout}); negative here means "not set".
     * Enforced by the embedded server; in an application server its own idle timeout applies.
     */
    int idleTimeoutSeconds() default -1;

    /**
     * Send a ping when a connection has been silent for half its idle timeout, so that live
     * clients answer and dead ones are found. Default on, as in Bun
     * ({@code switchboard.send-pings}).
     */
    Toggle sendPings() default Toggle.DEFAULT;

    /**
     * Negotiate permessage-deflate (RFC 7692) with clients that offer it. A message published to
     * many connections is compressed once; a message whose compressed form is not smaller is sent
     * uncompressed; compressed client messages are inflated only up to
     * {@link #maxPayloadLength} (past it: close 1009; corrupt data: close 1007). The server never
     * keeps compression context between messages ({@code server_no_context_takeover}), and it
     * declines offers that limit its window ({@code server_max_window_bits} below 15). Default off,
     * as in Bun: compression costs CPU and a per-connection inflater, and mixing secrets with
     * attacker-chosen text in one compressed message leaks them (CRIME/BREACH)
     * ({@code switchboard.per-message-deflate}). Embedded server only; an application server
     * negotiates compression itself.
     */
    Toggle perMessageDeflate() default Toggle.DEFAULT;
}

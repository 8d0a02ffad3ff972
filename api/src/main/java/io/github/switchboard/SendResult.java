package io.github.switchboard;

/**
 * What became of one {@link Connection#send}: a result, never an exception, for every normal
 * outcome. Immutable.
 *
 * @param status what happened
 * @param bytes  the payload bytes of the message (0 when {@link Status#CLOSED})
 */
public record SendResult(Status status, int bytes) {

    /** The outcomes of a send. */
    public enum Status {
        /** Handed to the connection's transport with no backlog in front of it. */
        WRITTEN,
        /** Accepted into the connection's outbound buffer behind earlier messages (backpressure). */
        QUEUED,
        /** Not sent: the connection's outbound buffer is over its limit. */
        DROPPED,
        /** Not sent: the connection is closing or closed. */
        CLOSED
    }

    private static final SendResult CLOSED_RESULT = new SendResult(Status.CLOSED, 0);

    /** Validates the components. */
    public SendResult {
        if (status == null) {
            throw new NullPointerException("status");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }

    /** The result of a send on a connection that is closing or closed. */
    public static SendResult closed() {
        return CLOSED_RESULT;
    }

    /** Whether the message was written or queued, so it will be sent unless the connection ends. */
    public boolean accepted() {
        return status == Status.WRITTEN || status == Status.QUEUED;
    }
}

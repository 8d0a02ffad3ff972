package io.github.switchboard;

/**
 * What one publish did, per recipient: a summary, never an exception. Immutable.
 *
 * @param recipients the subscribers the message was offered to (the sender excluded)
 * @param written    handed to the network at once
 * @param queued     accepted behind earlier messages (backpressure); still delivered
 * @param dropped    refused: the recipient's outbound buffer was over its limit
 * @param closed     refused: the recipient was closing or closed
 * @param denied     a {@link TopicPolicy} refused the publish: nothing was sent
 */
public record PublishResult(int recipients, int written, int queued, int dropped, int closed,
        boolean denied) {

    private static final PublishResult NONE = new PublishResult(0, 0, 0, 0, 0, false);
    private static final PublishResult DENIED = new PublishResult(0, 0, 0, 0, 0, true);

    /** A result that was not denied. */
    public PublishResult(int recipients, int written, int queued, int dropped, int closed) {
        this(recipients, written, queued, dropped, closed, false);
    }

    /** Validates the counts. */
    public PublishResult {
        if (recipients < 0 || written < 0 || queued < 0 || dropped < 0 || closed < 0
                || written + queued + dropped + closed != recipients) {
            throw new IllegalArgumentException("inconsistent counts: " + recipients + " recipients, "
                    + written + " written, " + queued + " queued, " + dropped + " dropped, "
                    + closed + " closed");
        }
    }

    /** The result of a publish that reached nobody. */
    public static PublishResult none() {
        return NONE;
    }

    /** The result of a publish that a {@link TopicPolicy} refused. */
    public static PublishResult refused() {
        return DENIED;
    }

    /** Recipients that accepted the message (written or queued). */
    public int accepted() {
        return written + queued;
    }
}

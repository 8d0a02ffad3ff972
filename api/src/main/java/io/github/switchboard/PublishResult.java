package io.github.switchboard;

/**
 * What one publish did, per recipient: a summary, never an exception. Immutable.
 *
 * @param recipients the subscribers the message was offered to (the sender excluded)
 * @param written    handed to the network at once
 * @param queued     accepted behind earlier messages (backpressure); still delivered
 * @param dropped    refused: the recipient's outbound buffer was over its limit
 * @param closed     refused: the recipient was closing or closed
 */
public record PublishResult(int recipients, int written, int queued, int dropped, int closed) {

    private static final PublishResult NONE = new PublishResult(0, 0, 0, 0, 0);

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

    /** Recipients that accepted the message (written or queued). */
    public int accepted() {
        return written + queued;
    }
}

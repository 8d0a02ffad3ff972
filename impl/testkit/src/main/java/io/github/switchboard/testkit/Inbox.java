package io.github.switchboard.testkit;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * What one {@link TestClient} received: the JDK listener on one side, the awaiting test thread
 * on the other. Whole messages ({@link String} or read-only {@link ByteBuffer}) queue up in
 * arrival order; the {@link Ended} that closes the connection comes after all of them and is
 * never taken, so every later await sees it again.
 */
final class Inbox implements WebSocket.Listener {

    /** The end of the connection: the server's close frame or the failure that replaced it. */
    record Ended(CloseStatus status) {
    }

    // Listener thread only. The JDK calls a listener's methods one at a time, never
    // concurrently, so the message being assembled from fragments needs no lock.
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    // Guarded by this. Messages not yet taken, oldest first; `ended` is set once, after the
    // last message, and never cleared.
    private final ArrayDeque<Object> messages = new ArrayDeque<>();
    private Ended ended;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            deliver(text.toString());
            text.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        // The JDK may reuse `data` once this returns: copy it now.
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            deliver(ByteBuffer.wrap(binary.toByteArray()).asReadOnlyBuffer());
            binary.reset();
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        // Returning null lets the JDK answer with the same close code at once.
        end(new CloseStatus(code, reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        end(new CloseStatus(CloseStatus.ABNORMAL, "connection failed: " + error));
    }

    private synchronized void deliver(Object message) {
        messages.addLast(message);
        notifyAll();
    }

    private synchronized void end(CloseStatus status) {
        if (ended == null) {
            ended = new Ended(status);
            notifyAll();
        }
    }

    /**
     * Waits until {@code deadline} ({@link System#nanoTime()}) for a message or the end and
     * returns the oldest: a message is removed when {@code take} accepts it, the end never.
     * Returns {@code null} when the deadline passes first.
     */
    synchronized Object next(long deadline, Predicate<Object> take, String awaiting) {
        long left;
        while (messages.isEmpty() && ended == null && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted while awaiting " + awaiting, e);
            }
        }
        Object head = messages.isEmpty() ? ended : messages.peekFirst();
        if (head != null && !(head instanceof Ended) && take.test(head)) {
            messages.removeFirst();
        }
        return head;
    }

    /** The end if the connection has ended, else {@code null}; does not wait. */
    synchronized Ended ended() {
        return ended;
    }

    /** Waits until {@code deadline} for the end; returns whether it came. Never throws. */
    synchronized boolean awaitEnd(long deadline) {
        long left;
        while (ended == null && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ended != null;
    }

    /** For failure messages: {@code the text message "hi"}, {@code the close 1000 "bye"}. */
    static String describe(Object item) {
        if (item == null) {
            return "nothing";
        }
        if (item instanceof Ended e) {
            return e.status().code() == CloseStatus.ABNORMAL
                    ? "the end of the connection without a close frame ("
                            + e.status().reason() + ")"
                    : "the close " + e.status();
        }
        if (item instanceof ByteBuffer b) {
            int n = b.remaining();
            return "a binary message (" + n + (n == 1 ? " byte" : " bytes") + ": " + hex(b) + ")";
        }
        return "the text message " + quote((String) item);
    }

    static String quote(String text) {
        int max = 200;
        return text.length() <= max ? "\"" + text + "\""
                : "\"" + text.substring(0, max) + "\"... (" + text.length() + " characters)";
    }

    private static String hex(ByteBuffer data) {
        StringBuilder out = new StringBuilder();
        ByteBuffer b = data.duplicate();
        for (int i = 0; i < 32 && b.hasRemaining(); i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02x", b.get() & 0xff));
        }
        return b.hasRemaining() ? out + " ..." : out.toString();
    }
}

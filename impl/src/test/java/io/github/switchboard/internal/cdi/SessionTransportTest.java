package io.github.switchboard.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.SendResult;
import io.github.switchboard.internal.outbound.Outbound;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The portable path: one async send in flight, a bounded queue behind it. */
class SessionTransportTest {

    /** A session whose async sends complete when the test says so (or at once). */
    private static final class FakeSession {
        final List<String> sent = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        boolean completeInline;
        int inFlight;
        int maxInFlight;

        Session session() {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            record(args[0].toString(), (SendHandler) args[1]);
                        } else if (method.getName().equals("sendBinary") && args.length == 2) {
                            ByteBuffer b = (ByteBuffer) args[0];
                            record("bin:" + b.remaining(), (SendHandler) args[1]);
                        }
                        return null;
                    });
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> async;
                        case "isOpen" -> true;
                        default -> null;
                    });
        }

        private void record(String what, SendHandler handler) {
            sent.add(what);
            maxInFlight = Math.max(maxInFlight, ++inFlight);
            if (completeInline) {
                inFlight--;
                handler.onResult(new jakarta.websocket.SendResult());
            } else {
                pending.add(handler);
            }
        }

        void completeNext() {
            inFlight--;
            pending.remove(0).onResult(new jakarta.websocket.SendResult());
        }
    }

    @Test
    void aLongBacklogsQueueIsReplacedOnlyAfterAPassAtRest() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, null);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add("m" + i);
            t.send(Message.text("m" + i));
        }
        t.trim();
        assertEquals(0, t.trim(), "a send in flight and a backlog: kept");
        while (!fake.pending.isEmpty()) {
            fake.completeNext();
        }
        assertEquals(expected, fake.sent, "order unchanged");
        t.send(Message.text("one more"));
        fake.completeNext();
        assertEquals(0, t.trim(), "sent since the last pass: kept");
        org.junit.jupiter.api.Assertions.assertTrue(t.trim() > 0, "a pass at rest: replaced");
        assertEquals(0, t.trim(), "nothing left to give back");
        assertEquals(SendResult.Status.WRITTEN, t.send(Message.text("after")).status());
        assertEquals(SendResult.Status.QUEUED, t.send(Message.text("after2")).status());
        fake.completeNext();
        fake.completeNext();
        assertEquals(List.of("after", "after2"), fake.sent.subList(1001, 1003));
        assertEquals(0, t.buffered());
    }

    @Test
    void aShortQueueIsNeverReplaced() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, null);
        t.send(Message.text("a"));
        t.send(Message.text("b"));
        fake.completeNext();
        fake.completeNext();
        t.trim();
        assertEquals(0, t.trim(), "the default array is all it has");
    }

    @Test
    void oneSendInFlightTheNextStartedFromItsCompletionInOrder() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, null);
        assertEquals(SendResult.Status.WRITTEN, t.send(Message.text("a")).status());
        assertEquals(SendResult.Status.QUEUED, t.send(Message.text("b")).status());
        assertEquals(SendResult.Status.QUEUED, t.send(Message.binary(ByteBuffer.allocate(3))).status());
        assertEquals(List.of("a"), fake.sent);
        fake.completeNext();
        fake.completeNext();
        fake.completeNext();
        assertEquals(List.of("a", "b", "bin:3"), fake.sent);
        assertEquals(1, fake.maxInFlight);
        assertEquals(0, t.buffered());
    }

    @Test
    void aMessageThatWouldCrossTheLimitIsDroppedAndTheDrainFollows() {
        FakeSession fake = new FakeSession();
        AtomicInteger drains = new AtomicInteger();
        SessionTransport t = new SessionTransport(fake.session(), 10, new Outbound.Listener() {
            @Override
            public void drained() {
                drains.incrementAndGet();
            }
        });
        assertEquals(SendResult.Status.WRITTEN, t.send(Message.text("x".repeat(50))).status(),
                "alone, above the limit");
        assertEquals(SendResult.Status.DROPPED, t.send(Message.text("y")).status());
        assertEquals(0, drains.get());
        fake.completeNext();
        assertEquals(1, drains.get());
        assertEquals(List.of("x".repeat(50)), fake.sent);
    }

    @Test
    void completionsOnTheSendingThreadAreLoopedNotNested() {
        FakeSession fake = new FakeSession();
        fake.completeInline = true;
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, null);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(SendResult.Status.WRITTEN, t.send(Message.text("m" + i)).status());
        }
        assertEquals(1_000, fake.sent.size());
        assertEquals(1, fake.maxInFlight);
    }

    @Test
    void aFailedSendClosesTheTransport() {
        FakeSession fake = new FakeSession();
        List<Throwable> failures = new ArrayList<>();
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, new Outbound.Listener() {
            @Override
            public void failed(Throwable cause) {
                failures.add(cause);
            }
        });
        t.send(Message.text("a"));
        t.send(Message.text("b"));
        fake.pending.remove(0).onResult(new jakarta.websocket.SendResult(new java.io.IOException("reset")));
        assertEquals(1, failures.size());
        assertEquals(SendResult.Status.CLOSED, t.send(Message.text("c")).status());
        assertEquals(List.of("a"), fake.sent, "the queued message is discarded");
    }

    @Test
    void beforeItsSessionIsBoundSendsWaitInOrderAndBindingStartsThem() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(1 << 20, null);
        assertEquals(SendResult.Status.QUEUED, t.send(Message.text("a")).status());
        assertEquals(SendResult.Status.QUEUED, t.send(Message.text("b")).status());
        assertEquals(2, t.buffered());
        t.bind(fake.session());
        assertEquals(List.of("a"), fake.sent);
        fake.completeNext();
        fake.completeNext();
        assertEquals(List.of("a", "b"), fake.sent);
        assertEquals(0, t.buffered());
        assertEquals(1, fake.maxInFlight);
    }

    @Test
    void aCloseBeforeTheSessionIsBoundDiscardsTheQueueAndNothingIsSentAfterIt() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(1 << 20, null);
        t.send(Message.text("a"));
        t.close(new jakarta.websocket.CloseReason(
                jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        assertEquals(0, t.buffered());
        assertEquals(SendResult.Status.CLOSED, t.send(Message.text("b")).status());
        t.bind(fake.session());
        assertEquals(List.of(), fake.sent);
    }

    @Test
    void aCloseDiscardsWhatIsQueuedAndCountsOnlyTheSendInFlight() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, null);
        t.send(Message.text("abc"));
        t.send(Message.text("defg"));
        t.close(new jakarta.websocket.CloseReason(
                jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        assertEquals(3, t.buffered(), "only the message in flight");
        fake.completeNext();
        assertEquals(0, t.buffered());
        assertEquals(List.of("abc"), fake.sent);
    }

    @Test
    void afterFlushRunsOnceEverythingHeldIsSentAndRefusesLaterSends() {
        FakeSession fake = new FakeSession();
        SessionTransport t = new SessionTransport(fake.session(), 1 << 20, null);
        t.send(Message.text("a"));
        t.send(Message.text("b"));
        AtomicInteger ran = new AtomicInteger();
        t.afterFlush(ran::incrementAndGet);
        assertEquals(SendResult.Status.CLOSED, t.send(Message.text("c")).status());
        fake.completeNext();
        assertEquals(0, ran.get(), "b is still in flight");
        fake.completeNext();
        assertEquals(1, ran.get());
        assertEquals(List.of("a", "b"), fake.sent);
        AtomicInteger idle = new AtomicInteger();
        new SessionTransport(fake.session(), 1 << 20, null).afterFlush(idle::incrementAndGet);
        assertEquals(1, idle.get(), "nothing held: at once");
    }
}

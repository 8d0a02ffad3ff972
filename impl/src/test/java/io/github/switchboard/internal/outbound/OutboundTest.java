package io.github.switchboard.internal.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundTest {

    /** A sink whose writes complete only when the test says so. */
    private static final class ManualSink implements Outbound.Sink {
        final List<String> batches = new ArrayList<>();
        final List<Outbound.Completion> open = new ArrayList<>();

        @Override
        public synchronized void write(ByteBuffer batch, Outbound.Completion done) {
            batches.add(StandardCharsets.UTF_8.decode(batch.duplicate()).toString());
            open.add(done);
        }

        void completeNext() {
            Outbound.Completion c;
            synchronized (this) {
                c = open.remove(0);
            }
            c.completed();
        }
    }

    /** A callback that counts completions into {@code n}. */
    private static Outbound.Completion counting(AtomicInteger n) {
        return new Outbound.Completion() {
            @Override
            public void completed() {
                n.incrementAndGet();
            }

            @Override
            public void failed(Throwable cause) {
                n.addAndGet(1000);
            }
        };
    }

    private static ByteBuffer b(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstFrameGoesOutAtOnceAndEverythingQueuedMeanwhileGoesInOneWrite() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        assertEquals(Outbound.Offer.WRITTEN, out.offer(b("a")));
        assertEquals(Outbound.Offer.QUEUED, out.offer(b("b")));
        assertEquals(Outbound.Offer.QUEUED, out.offer(b("c")));
        assertEquals(List.of("a"), sink.batches);
        assertEquals(3, out.buffered());
        sink.completeNext();
        assertEquals(List.of("a", "bc"), sink.batches, "one write for everything queued");
        sink.completeNext();
        assertEquals(0, out.buffered());
        assertEquals(Outbound.Offer.WRITTEN, out.offer(b("d")), "idle again: written at once");
    }

    @Test
    void aMessageThatWouldCrossTheLimitIsDroppedButOneAloneAlwaysFits() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 10, null);
        assertEquals(Outbound.Offer.WRITTEN, out.offer(b("x".repeat(50))), "alone, above the limit");
        assertEquals(Outbound.Offer.DROPPED, out.offer(b("y")));
        sink.completeNext();
        assertEquals(Outbound.Offer.WRITTEN, out.offer(b("12345")));
        assertEquals(Outbound.Offer.QUEUED, out.offer(b("6789")));
        assertEquals(Outbound.Offer.DROPPED, out.offer(b("AB")), "5 + 4 + 2 > 10");
        assertEquals(Outbound.Offer.QUEUED, out.offer(b("0")), "5 + 4 + 1 = 10 fits");
        sink.completeNext();
        assertEquals(List.of("x".repeat(50), "12345", "67890"), sink.batches);
    }

    @Test
    void controlFramesAreNeverDroppedAndTheirCallbacksRunWhenWritten() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 4, null);
        AtomicInteger written = new AtomicInteger();
        out.offer(b("1234"));
        assertEquals(Outbound.Offer.QUEUED, out.offerControl(b("CLOSE"), counting(written)));
        assertEquals(0, written.get());
        sink.completeNext();
        assertEquals(0, written.get(), "its batch is still in flight");
        sink.completeNext();
        assertEquals(1, written.get());
        assertEquals(List.of("1234", "CLOSE"), sink.batches, "order kept");
    }

    @Test
    void drainFiresOnceWhenTheBufferEmptiesAfterBackpressure() {
        ManualSink sink = new ManualSink();
        AtomicInteger drains = new AtomicInteger();
        Outbound out = new Outbound(sink, 1 << 20, new Outbound.Listener() {
            @Override
            public void drained() {
                drains.incrementAndGet();
            }
        });
        out.offer(b("a"));
        sink.completeNext();
        assertEquals(0, drains.get(), "no backpressure, no drain");
        out.offer(b("a"));
        out.offer(b("b"));
        sink.completeNext();
        assertEquals(0, drains.get(), "not empty yet");
        sink.completeNext();
        assertEquals(1, drains.get());
    }

    @Test
    void aSinkThatCompletesOnTheCallingThreadNeedsNoRecursion() {
        List<String> batches = new ArrayList<>();
        Outbound[] holder = new Outbound[1];
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        holder[0] = new Outbound((batch, done) -> {
            maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
            batches.add(StandardCharsets.UTF_8.decode(batch).toString());
            if (batches.size() < 100) {
                holder[0].offer(b(Integer.toString(batches.size()))); // queued behind this write
            }
            done.completed();
            depth.decrementAndGet();
        }, 1 << 20, null);
        holder[0].offer(b("0"));
        assertEquals(100, batches.size());
        assertEquals(1, maxDepth.get(), "completions ran in a loop, not nested");
        assertEquals(0, holder[0].buffered());
    }

    @Test
    void closeDiscardsWhatIsQueuedAndRefusesMore() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        out.offer(b("a"));
        out.offer(b("b"));
        out.close();
        assertEquals(Outbound.Offer.CLOSED, out.offer(b("c")));
        assertEquals(Outbound.Offer.CLOSED, out.offerControl(b("d"), null));
        sink.completeNext();
        assertEquals(List.of("a"), sink.batches);
    }

    @Test
    void aFailedWriteClosesTheBufferAndTellsTheListener() {
        ManualSink sink = new ManualSink();
        List<Throwable> failures = new ArrayList<>();
        Outbound out = new Outbound(sink, 1 << 20, new Outbound.Listener() {
            @Override
            public void failed(Throwable cause) {
                failures.add(cause);
            }
        });
        out.offer(b("a"));
        sink.open.get(0).failed(new java.io.IOException("reset"));
        assertTrue(out.isClosed());
        assertEquals(1, failures.size());
        assertEquals(Outbound.Offer.CLOSED, out.offer(b("b")));
    }

    @Test
    void concurrentProducersKeepTheirOwnOrderAndLoseNothing() throws Exception {
        BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Outbound out = new Outbound((batch, done) -> {
            byte[] bytes = new byte[batch.remaining()];
            batch.get(bytes);
            synchronized (wire) {
                wire.write(bytes, 0, bytes.length);
            }
            completions.add(done::completed); // completed later, on the completer thread
        }, Long.MAX_VALUE, null);
        int producers = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(producers + 1);
        CountDownLatch producing = new CountDownLatch(producers);
        Future<?> completer = pool.submit(() -> {
            while (producing.getCount() > 0 || !completions.isEmpty() || out.buffered() > 0) {
                Runnable r = completions.poll(10, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
            }
            return null;
        });
        for (int p = 0; p < producers; p++) {
            int id = p;
            pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    out.offer(b(id + ":" + i + ";"));
                }
                producing.countDown();
            });
        }
        completer.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        int[] next = new int[producers];
        for (String item : wire.toString(StandardCharsets.UTF_8).split(";")) {
            String[] parts = item.split(":");
            int p = Integer.parseInt(parts[0]);
            assertEquals(next[p]++, Integer.parseInt(parts[1]), "producer " + p + " out of order");
        }
        for (int p = 0; p < producers; p++) {
            assertEquals(each, next[p], "producer " + p + " lost messages");
        }
        assertArrayEquals(new long[] {0}, new long[] {out.buffered()});
    }

    @Test
    void closeAfterFlushWritesEverythingQueuedFirstAndRefusesNewMessages() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        AtomicInteger closed = new AtomicInteger();
        out.offer(b("data"));
        out.offerClose(b("CLOSE"), null);
        assertEquals(Outbound.Offer.CLOSED, out.offer(b("late")), "nothing after the close frame");
        out.closeAfterFlush(closed::incrementAndGet);
        assertEquals(0, closed.get());
        sink.completeNext();
        assertEquals(0, closed.get(), "the close frame is still in flight");
        sink.completeNext();
        assertEquals(1, closed.get());
        assertEquals(List.of("data", "CLOSE"), sink.batches);
        Outbound idle = new Outbound(sink, 1 << 20, null);
        idle.closeAfterFlush(closed::incrementAndGet);
        assertEquals(2, closed.get(), "nothing buffered: at once");
    }

    @Test
    void queuedCallbacksAreFailedWhenAWriteFailsSoNoSenderWaitsForever() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        AtomicInteger outcome = new AtomicInteger();
        out.offerControl(b("first"), counting(outcome));
        out.offerControl(b("second"), counting(outcome));
        sink.open.get(0).failed(new java.io.IOException("reset"));
        assertEquals(2000, outcome.get(), "both failed, none left hanging");
        AtomicInteger closedOutcome = new AtomicInteger();
        Outbound other = new Outbound(new ManualSink(), 1 << 20, null);
        other.offer(b("x"));
        other.offerControl(b("queued"), counting(closedOutcome));
        other.close();
        assertEquals(1000, closedOutcome.get(), "close fails what it discards");
    }

    @Test
    void aThrowingCallbackDoesNotWedgeTheBuffer() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        out.offer(b("one"));
        out.offerControl(b("two"), new Outbound.Completion() {
            @Override
            public void completed() {
                throw new IllegalStateException("an application's handler");
            }

            @Override
            public void failed(Throwable cause) {
            }
        });
        sink.completeNext();
        out.offer(b("three"));
        sink.completeNext(); // completes "two": its callback throws
        assertEquals(List.of("one", "two", "three"), sink.batches, "the next batch still went out");
        sink.completeNext();
        assertEquals(0, out.buffered());
    }

    @Test
    void nothingFollowsTheCloseFrameNotEvenAControlFrame() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        out.offer(b("data"));
        out.offerClose(b("CLOSE"), null);
        assertEquals(Outbound.Offer.CLOSED, out.offerControl(b("PING"), null));
        sink.completeNext();
        assertEquals(List.of("data", "CLOSE"), sink.batches);
    }

    @Test
    void withAFlusherFramesOfferedBeforeItRunsLeaveInOneWriteAndItIsCalledOncePerBatch() {
        ManualSink sink = new ManualSink();
        List<Outbound> scheduled = new ArrayList<>();
        Outbound out = new Outbound(sink, 1 << 20, null, scheduled::add);
        assertEquals(Outbound.Offer.WRITTEN, out.offer(b("a")), "nothing in front of it");
        assertEquals(Outbound.Offer.QUEUED, out.offer(b("b")));
        assertEquals(1, scheduled.size(), "handed to the flusher once per batch");
        assertEquals(List.of(), sink.batches, "nothing written before the flusher runs");
        out.flush();
        assertEquals(List.of("ab"), sink.batches, "one write for both");
        out.offer(b("c")); // a write is in flight: queued behind it, no new hand-off
        assertEquals(1, scheduled.size());
        sink.completeNext();
        assertEquals(List.of("ab", "c"), sink.batches, "the completion writes what was queued");
        sink.completeNext();
        out.offer(b("d"));
        assertEquals(2, scheduled.size(), "idle again: handed over again");
        byte[] big = new byte[64 * 1024];
        Outbound direct = new Outbound(sink, 1 << 20, null, scheduled::add);
        assertEquals(Outbound.Offer.WRITTEN, direct.offer(ByteBuffer.wrap(big)));
        assertEquals(2, scheduled.size(), "a large frame on an idle connection goes out at once");
    }

    @Test
    void aLoneOfferAfterAQuietSpellIsWrittenByTheOfferingThreadAndABurstByTheFlusher()
            throws Exception {
        long[] now = {0};
        Flusher flusher = new Flusher(() -> now[0]);
        List<String> writers = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch burstWritten = new java.util.concurrent.CountDownLatch(1);
        Outbound.Sink sink = (batch, done) -> {
            writers.add(Thread.currentThread().getName());
            batch.position(batch.limit());
            done.completed();
            if (writers.size() == 2) {
                burstWritten.countDown();
            }
        };
        Outbound lone = new Outbound(sink, 1 << 20, null, flusher);
        Outbound next = new Outbound(sink, 1 << 20, null, flusher);
        String me = Thread.currentThread().getName();
        awaitSleeping(flusher);
        lone.offer(b("a"));
        assertEquals(List.of(me), writers, "nothing offered for a while: written at once, here");
        next.offer(b("b")); // same instant: part of a burst, handed to the flusher thread
        assertTrue(burstWritten.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of(me, "switchboard-flusher"), writers);
        awaitSleeping(flusher);
        now[0] += Flusher.QUIET_NANOS + 1;
        lone.offer(b("c"));
        assertEquals(me, writers.get(2), "quiet again: written by the offering thread");
    }

    /** A burst of {@code n} frames of {@code size} bytes, queued behind one write in flight. */
    private static String burst(ManualSink sink, Outbound out, int n, int size) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String frame = String.valueOf((char) ('a' + i % 26)).repeat(size);
            all.append(frame);
            assertTrue(out.offer(b(frame)) != Outbound.Offer.DROPPED);
        }
        while (!sink.open.isEmpty()) {
            sink.completeNext();
        }
        return all.toString();
    }

    @Test
    void aBurstsBuffersAreKeptWhileBusyAndShrinkAfterAPassAtRest() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        String first = burst(sink, out, 40, 1024); // 40 KiB queued behind the first frame
        assertEquals(first, String.join("", sink.batches), "bytes and order unchanged");
        long grown = out.capacity();
        assertTrue(grown >= 64 * 1024, "a 39 KiB batch leaves 64 KiB of buffers: " + grown);

        assertEquals(0, out.trimIfIdle(), "offered since the last pass: kept");
        assertEquals(grown, out.capacity());
        assertTrue(out.trimIfIdle() > 0, "a whole pass at rest: trimmed");
        assertTrue(out.capacity() <= 2 * 512, "back to the initial size: " + out.capacity());
        assertEquals(0, out.trimIfIdle(), "nothing left to give back");

        sink.batches.clear();
        String second = burst(sink, out, 40, 1024);
        assertEquals(second, String.join("", sink.batches), "a trimmed buffer grows again");
        assertEquals(0, out.buffered());
    }

    @Test
    void nothingIsTrimmedWhileAWriteIsInFlightOrFramesAreQueued() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String frame = String.valueOf((char) ('a' + i % 26)).repeat(1024);
            expected.append(frame);
            out.offer(b(frame));
        }
        sink.completeNext(); // the 39 queued frames now in flight as one batch
        long busy = out.capacity();
        out.trimIfIdle();
        assertEquals(0, out.trimIfIdle(), "a write in flight: never trimmed");
        assertEquals(busy, out.capacity());
        out.offer(b("tail")); // queued behind the batch in flight
        expected.append("tail");
        out.trimIfIdle();
        assertEquals(0, out.trimIfIdle(), "frames queued: never trimmed");
        while (!sink.open.isEmpty()) {
            sink.completeNext();
        }
        assertEquals(expected.toString(), String.join("", sink.batches));

        List<Outbound> scheduled = new ArrayList<>();
        Outbound later = new Outbound(sink, 1 << 20, null, scheduled::add);
        later.offer(b("x"));
        later.trimIfIdle();
        assertEquals(0, later.trimIfIdle(), "a flush scheduled and not run: never trimmed");
        later.flush();
        assertTrue(sink.batches.get(sink.batches.size() - 1).equals("x"));
    }

    @Test
    void aClosedBufferIsNotTrimmedAndRefusesAsBefore() {
        ManualSink sink = new ManualSink();
        Outbound out = new Outbound(sink, 1 << 20, null);
        burst(sink, out, 40, 1024);
        out.close();
        assertEquals(0, out.trimIfIdle());
        assertEquals(0, out.trimIfIdle());
        assertEquals(Outbound.Offer.CLOSED, out.offer(b("late")));
    }

    /** Waits until the flusher's thread has parked (it parks at start and after each batch). */
    private static void awaitSleeping(Flusher flusher) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!flusher.isSleeping()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the flusher never went to sleep");
            }
            Thread.onSpinWait();
        }
    }
}

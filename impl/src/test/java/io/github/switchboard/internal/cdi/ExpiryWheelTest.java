package io.github.switchboard.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The expiry wheel on fake clocks: what fires when, moved, cancelled, far away, late. */
class ExpiryWheelTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final ExpiryWheel wheel = new ExpiryWheel(nanos::get, millis::get, false);

    private void pass(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        millis.addAndGet(ms);
        wheel.advance();
    }

    /** A target whose expiry can be moved, counting its expiries. */
    private final class Fake implements ExpiryWheel.Target {
        volatile long at;
        final AtomicInteger expired = new AtomicInteger();

        Fake(long inMillis) {
            at = millis.get() + inMillis;
        }

        @Override
        public long expiresAtMillis() {
            return at;
        }

        @Override
        public void expire() {
            expired.incrementAndGet();
        }
    }

    @Test
    void anEntryFiresAtItsInstantNotBefore() {
        Fake f = new Fake(250);
        wheel.schedule(f, f.at);
        pass(200);
        assertEquals(0, f.expired.get());
        pass(100);
        assertEquals(1, f.expired.get());
        assertEquals(0, wheel.pending());
        pass(1_000);
        assertEquals(1, f.expired.get(), "fires once");
    }

    @Test
    void aRescheduledEntryMovesAndACancelledOneNeverFires() {
        Fake moved = new Fake(200);
        Fake cancelled = new Fake(200);
        ExpiryWheel.Entry m = wheel.schedule(moved, moved.at);
        ExpiryWheel.Entry c = wheel.schedule(cancelled, cancelled.at);
        moved.at = millis.get() + 1_000;
        wheel.reschedule(m, moved.at);
        wheel.cancel(c);
        wheel.cancel(c); // idempotent
        pass(500);
        assertEquals(0, moved.expired.get());
        assertEquals(0, cancelled.expired.get());
        assertEquals(1, wheel.pending());
        pass(600);
        assertEquals(1, moved.expired.get());
        assertEquals(0, wheel.pending());
    }

    @Test
    void aTargetWhoseExpiryMovedLaterIsPutBackNotExpired() {
        Fake f = new Fake(100);
        wheel.schedule(f, f.at);
        f.at = millis.get() + 700; // moved without telling the wheel
        pass(200);
        assertEquals(0, f.expired.get());
        assertEquals(1, wheel.pending());
        pass(600);
        assertEquals(1, f.expired.get());
    }

    @Test
    void anEntryBeyondOneTurnWaitsForItsOwnTurn() {
        long turn = ExpiryWheel.SLOTS * ExpiryWheel.TICK_MILLIS;
        Fake f = new Fake(turn * 2 + 50);
        wheel.schedule(f, f.at);
        for (long t = 0; t < turn * 2; t += ExpiryWheel.TICK_MILLIS) {
            pass(ExpiryWheel.TICK_MILLIS);
        }
        assertEquals(0, f.expired.get(), "its bucket came round twice before its turn");
        pass(ExpiryWheel.TICK_MILLIS * 2);
        assertEquals(1, f.expired.get());
    }

    @Test
    void afterALongPauseEveryDueEntryFiresOnceAndLaterOnesWait() {
        Fake[] due = new Fake[1_000];
        for (int i = 0; i < due.length; i++) {
            due[i] = new Fake(10 + i * 37L);
            wheel.schedule(due[i], due[i].at);
        }
        Fake later = new Fake(600_000);
        wheel.schedule(later, later.at);
        pass(200_000); // the thread was starved for several turns
        for (Fake f : due) {
            assertEquals(1, f.expired.get());
        }
        assertEquals(0, later.expired.get());
        assertEquals(1, wheel.pending());
    }

    @Test
    void anInstantInThePastFiresAtTheNextTickAndAnEndedTargetIsDropped() {
        Fake past = new Fake(-5_000);
        Fake ended = new Fake(100);
        wheel.schedule(past, past.at);
        wheel.schedule(ended, ended.at);
        ended.at = Long.MAX_VALUE;
        pass(ExpiryWheel.TICK_MILLIS);
        assertEquals(1, past.expired.get());
        pass(1_000);
        assertEquals(0, ended.expired.get());
        assertEquals(0, wheel.pending());
    }

    @Test
    void aTargetThatThrowsDoesNotStopTheOthers() {
        ExpiryWheel.Target bad = new ExpiryWheel.Target() {
            @Override
            public long expiresAtMillis() {
                return millis.get();
            }

            @Override
            public void expire() {
                throw new IllegalStateException("boom");
            }
        };
        Fake good = new Fake(50);
        wheel.schedule(bad, millis.get());
        wheel.schedule(good, good.at);
        pass(ExpiryWheel.TICK_MILLIS);
        assertEquals(1, good.expired.get());
    }
}

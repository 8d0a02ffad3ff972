package io.github.switchboard.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PortableLimitsTest {

    @Test
    void sizeIsCountedInUtf8BytesOfTheMessageParameter() {
        PortableLimits limits = new PortableLimits(0, 6);
        assertTrue(limits.fits(new Object[] {"abcdef", null}));
        assertFalse(limits.fits(new Object[] {"abcdefg"}));
        assertTrue(limits.fits(new Object[] {"ééé"}), "3 chars, 6 bytes");
        assertFalse(limits.fits(new Object[] {"éééa"}), "4 chars, 7 bytes");
        assertFalse(limits.fits(new Object[] {"€€€"}), "3 chars, 9 bytes");
        assertFalse(limits.fits(new Object[] {"a\uD83D\uDE00aa"}), "an emoji is 4 bytes: 7");
        assertTrue(limits.fits(new Object[] {new byte[6]}));
        assertFalse(limits.fits(new Object[] {new byte[7]}));
        assertFalse(limits.fits(new Object[] {ByteBuffer.allocate(7)}));
        assertTrue(limits.fits(new Object[] {ByteBuffer.allocate(9).position(3)}));
        assertTrue(limits.fits(new Object[] {new Object()}), "a decoded object is not measured");
    }

    @Test
    void rateIsABucketOfOneSecondsWorth() {
        PortableLimits limits = new PortableLimits(3, Long.MAX_VALUE);
        assertTrue(limits.admit());
        assertTrue(limits.admit());
        assertTrue(limits.admit());
        // A burst past the bucket is refused (one more token takes a third of a second).
        boolean refused = false;
        for (int i = 0; i < 3 && !refused; i++) {
            refused = !limits.admit();
        }
        assertTrue(refused, "a burst of six at three per second");
        assertTrue(new PortableLimits(0, 10).admit(), "no rate: always admitted");
        assertTrue(new PortableLimits(3, Long.MAX_VALUE).fits(new Object[] {"x".repeat(100)}));
    }
}

package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate's compression: round trips, and inflation that stops at the limit. */
class DeflationTest {

    /** What a client sends: raw DEFLATE, sync-flushed, the 00 00 ff ff tail removed. */
    static byte[] clientDeflate(Deflater d, byte[] message) {
        d.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    static byte[] clientDeflate(byte[] message) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return clientDeflate(d, message);
        } finally {
            d.end();
        }
    }

    private static final byte[] TEXT = ("Grüße aus Zürich — ☃ "
            .repeat(200)).getBytes(StandardCharsets.UTF_8);

    @Test
    void aCompressedMessageInflatesToItsBytes() throws Exception {
        byte[] compressed = Deflation.deflate(ByteBuffer.wrap(TEXT));
        assertNotNull(compressed);
        assertTrue(compressed.length < TEXT.length / 10, "repetitive text shrinks");
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        assertArrayEquals(TEXT, in.inflate(compressed, true));
    }

    @Test
    void deflateLeavesTheCallersBufferWhereItWas() {
        ByteBuffer payload = ByteBuffer.wrap(TEXT);
        payload.position(3);
        Deflation.deflate(payload);
        assertEquals(3, payload.position());
    }

    @Test
    void shortOrIncompressibleMessagesStayUncompressed() {
        assertNull(Deflation.deflate(ByteBuffer.wrap(new byte[Deflation.MIN_SIZE - 1])));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertNull(Deflation.deflate(ByteBuffer.wrap(noise)), "random bytes do not shrink");
    }

    @Test
    void aMessageSplitOverFramesInflatesWhole() throws Exception {
        byte[] compressed = clientDeflate(TEXT);
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        int third = compressed.length / 3;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.write(in.inflate(Arrays.copyOfRange(compressed, 0, third), false));
        got.write(in.inflate(Arrays.copyOfRange(compressed, third, 2 * third), false));
        got.write(in.inflate(new byte[0], false));
        got.write(in.inflate(Arrays.copyOfRange(compressed, 2 * third, compressed.length), true));
        assertArrayEquals(TEXT, got.toByteArray());
    }

    @Test
    void theWindowIsKeptBetweenMessagesUnlessTheClientResets() throws Exception {
        Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = clientDeflate(client, TEXT);
        byte[] second = clientDeflate(client, TEXT); // refers back into the first message
        client.end();
        assertTrue(second.length < first.length, "the second message uses the first's window");
        Deflation.Inflating keeps = new Deflation.Inflating(1 << 20, false);
        assertArrayEquals(TEXT, keeps.inflate(first, true));
        assertArrayEquals(TEXT, keeps.inflate(second, true));

        Deflation.Inflating resets = new Deflation.Inflating(1 << 20, true);
        resets.inflate(first, true);
        Deflation.Refused r = assertThrows(Deflation.Refused.class,
                () -> resets.inflate(second, true));
        assertEquals(1007, r.closeCode, "a reference into a window that was dropped is invalid");
    }

    @Test
    void aBombIsRefusedAtTheLimitWithoutInflatingIt() throws Exception {
        byte[] bomb = clientDeflate(new byte[64 << 20]); // 64 MiB of zeros
        assertTrue(bomb.length < 128 * 1024, "a bomb is small: " + bomb.length);
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        Deflation.Refused r = assertThrows(Deflation.Refused.class, () -> in.inflate(bomb, true));
        assertEquals(1009, r.closeCode);
    }

    @Test
    void theLimitCountsTheWholeMessageOverItsFrames() throws Exception {
        byte[] compressed = clientDeflate(new byte[3000]);
        Deflation.Inflating in = new Deflation.Inflating(2999, false);
        int half = compressed.length / 2;
        Deflation.Refused r = assertThrows(Deflation.Refused.class, () -> {
            in.inflate(Arrays.copyOfRange(compressed, 0, half), false);
            in.inflate(Arrays.copyOfRange(compressed, half, compressed.length), true);
        });
        assertEquals(1009, r.closeCode);
        Deflation.Inflating exact = new Deflation.Inflating(3000, false);
        assertEquals(3000, exact.inflate(compressed, true).length, "exactly the limit passes");
    }

    @Test
    void invalidDataIsRefusedWith1007() {
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        // BTYPE 11 (reserved) is invalid in every DEFLATE stream.
        Deflation.Refused r = assertThrows(Deflation.Refused.class,
                () -> in.inflate(new byte[] {(byte) 0xff, (byte) 0xff, 0x00}, true));
        assertEquals(1007, r.closeCode);
    }

    @Test
    void aStreamThatEndsWithAFinalBlockInflatesAndTheNextMessageStartsAfresh() throws Exception {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(TEXT);
        d.finish(); // BFINAL: a sender may end each message's stream
        byte[] buf = new byte[TEXT.length];
        int n = d.deflate(buf);
        d.end();
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        assertArrayEquals(TEXT, in.inflate(Arrays.copyOf(buf, n), true));
        assertArrayEquals(TEXT, in.inflate(clientDeflate(TEXT), true));
    }

    @Test
    void dataAfterTheFinalBlockIsRefused() {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(TEXT);
        d.finish();
        byte[] buf = new byte[TEXT.length + 16];
        int n = d.deflate(buf);
        d.end();
        byte[] trailing = Arrays.copyOf(buf, n + 5);
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        Deflation.Refused r = assertThrows(Deflation.Refused.class,
                () -> in.inflate(trailing, true));
        assertEquals(1007, r.closeCode);
    }

    @Test
    void afterCloseNothingInflates() {
        Deflation.Inflating in = new Deflation.Inflating(1 << 20, false);
        in.close();
        in.close();
        Deflation.Refused r = assertThrows(Deflation.Refused.class,
                () -> in.inflate(clientDeflate(TEXT), true));
        assertEquals(Deflation.CLOSING, r.closeCode);
    }
}

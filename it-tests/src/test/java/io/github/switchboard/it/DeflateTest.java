package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** perMessageDeflate: negotiated per endpoint; compressed and uncompressed messages both work. */
class DeflateTest {

    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private static byte[] deflate(String text) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[1024];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return Arrays.copyOf(out, n - TAIL.length); // RFC 7692 §7.2.1: drop the empty block's tail
    }

    private static String inflate(Inflater inflater, byte[] payload) throws Exception {
        byte[] withTail = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, withTail, payload.length, TAIL.length);
        inflater.setInput(withTail);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEndpointWithPerMessageDeflateNegotiatesItAndBothKindsOfMessageArrive() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0)
                .endpoints(Tuned.Deflating.class, Tuned.Self.class).start();
                RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgrade("/tuned/deflate", server.port(),
                    "Sec-WebSocket-Extensions: permessage-deflate"));
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT)
                    .contains("sec-websocket-extensions: permessage-deflate"), head);
            byte[] compressed = deflate("hello hello hello");
            byte[] frame = RawClient.maskedFrame(1, compressed);
            frame[0] |= 0x40; // RSV1: this message is compressed
            c.send(frame);
            Inflater inflater = new Inflater(true); // the server keeps its context: so do we
            RawClient.Frame raw = c.readFrame();
            assertEquals(0, c.lastFirstByte & 0x40, "Switchboard's own send is not compressed");
            assertEquals("raw hello hello hello", raw.text());
            RawClient.Frame tyrus = c.readFrame();
            assertEquals(0x40, c.lastFirstByte & 0x40, "the container's send is compressed");
            assertEquals("tyrus hello hello hello", inflate(inflater, tyrus.payload()));
            inflater.end();
        }
    }

    @Test
    void anEndpointWithoutItDoesNotNegotiateIt() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0)
                .endpoints(Tuned.Deflating.class, Tuned.Self.class).start();
                RawClient c = new RawClient(server.port())) {
            c.send(RawClient.upgrade("/tuned/self", server.port(),
                    "Sec-WebSocket-Extensions: permessage-deflate"));
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"),
                    head);
        }
    }
}

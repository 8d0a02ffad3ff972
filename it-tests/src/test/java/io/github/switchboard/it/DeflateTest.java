package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate on the embedded server, byte by byte from a raw client: negotiation,
 * compressed messages both ways, one compressed frame per publish, and the hostile cases (a
 * bomb, invalid data, RSV1 where it may not be).
 */
class DeflateTest {

    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; "
            + "client_max_window_bits";
    private static final String TEXT = "Grüße aus Zürich — ☃ 🎉 ".repeat(300);

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().port(0)
                .endpoints(Compressed.On.class, Compressed.Off.class)
                .beanClasses(Compressed.Closes.class).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client upgraded to {@code path} with {@code headers}; its response head in {@link #head}. */
    private RawClient open(String path, String... headers) throws IOException {
        RawClient c = new RawClient(server.port());
        c.send(RawClient.upgrade(path, server.port(), headers));
        head = c.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        hello = c.skipPings().text();
        return c;
    }

    private String head;
    private String hello;

    private static String extensions(String head) {
        List<String> values = RawClient.headers(head).get("sec-websocket-extensions");
        return values == null ? null : String.join(", ", values);
    }

    /** A message as a client compresses it: sync-flushed raw DEFLATE without the tail. */
    private static byte[] deflate(Deflater d, byte[] message) {
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

    private static byte[] deflate(byte[] message) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return deflate(d, message);
        } finally {
            d.end();
        }
    }

    /** Inflates one server message: the server keeps no context, so each stands alone. */
    private static byte[] inflate(byte[] payload) throws Exception {
        Inflater in = new Inflater(true);
        try {
            in.setInput(ByteBuffer.allocate(payload.length + 4).put(payload)
                    .put(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}).flip());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.end();
        }
    }

    private static boolean rsv1(RawClient c) {
        return (c.lastFirstByte & 0x40) != 0;
    }

    @Test
    void compressionIsNegotiatedOnlyWhereTheEndpointEnablesIt() throws Exception {
        try (RawClient on = open("/deflate/on", OFFER)) {
            assertEquals("permessage-deflate; server_no_context_takeover", extensions(head));
        }
        try (RawClient off = open("/deflate/off", OFFER)) {
            assertNull(extensions(head), "off by default");
        }
        try (RawClient plain = open("/deflate/on")) {
            assertNull(extensions(head), "nothing offered, nothing answered");
        }
        try (RawClient small = open("/deflate/on",
                "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10, "
                        + "permessage-deflate; client_no_context_takeover")) {
            assertEquals("permessage-deflate; server_no_context_takeover; "
                    + "client_no_context_takeover", extensions(head), "the second offer");
        }
    }

    @Test
    void compressedTextAndBinaryTravelBothWaysByteExact() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
            c.send(RawClient.maskedFrame(0x40 | 0x1, deflate(text)));
            RawClient.Frame echo = c.skipPings();
            assertEquals(0x1, echo.opcode());
            assertTrue(rsv1(c), "a long text comes back compressed");
            assertTrue(echo.payload().length < text.length / 5);
            assertArrayEquals(text, inflate(echo.payload()));

            byte[] binary = new byte[20_000];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) (i % 7 * 31);
            }
            c.send(RawClient.maskedFrame(0x40 | 0x2, deflate(binary)));
            RawClient.Frame back = c.skipPings();
            assertEquals(0x2, back.opcode());
            assertTrue(rsv1(c));
            assertArrayEquals(binary, inflate(back.payload()));

            c.send(RawClient.maskedFrame(0x1, "short, uncompressed".getBytes(StandardCharsets.UTF_8)));
            assertEquals("short, uncompressed", c.skipPings().text());
            assertFalse(rsv1(c), "a message under 64 bytes goes as it is");
        }
    }

    @Test
    void anEndpointsOwnContainerSendsAreCompressedToo() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            c.send(RawClient.maskedFrame(0x1, ("basic:" + TEXT).getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame f = c.skipPings();
            assertTrue(rsv1(c), "getBasicRemote().sendText goes through the codec");
            assertEquals(TEXT, new String(inflate(f.payload()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void onePublishReachesCompressingAndPlainSubscribersAlike() throws Exception {
        try (RawClient on = open("/deflate/on", OFFER); RawClient off = open("/deflate/off")) {
            for (RawClient c : List.of(on, off)) {
                c.send(RawClient.maskedFrame(0x1, "sub room".getBytes(StandardCharsets.UTF_8)));
                assertEquals("sub true", c.skipPings().text());
            }
            Topics topics = server.container().select(Topics.class).get();
            assertEquals(2, topics.publish("room", TEXT).recipients());
            RawClient.Frame compressed = on.skipPings();
            assertTrue(rsv1(on));
            assertEquals(TEXT, new String(inflate(compressed.payload()), StandardCharsets.UTF_8));
            RawClient.Frame plain = off.skipPings();
            assertFalse(rsv1(off));
            assertEquals(TEXT, plain.text());
        }
    }

    @Test
    void aMessageInCompressedFragmentsArrivesWhole() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            byte[] compressed = deflate(TEXT.getBytes(StandardCharsets.UTF_8));
            int third = compressed.length / 3;
            c.send(RawClient.fragment(0x40 | 0x1, Arrays.copyOfRange(compressed, 0, third), false));
            c.send(RawClient.fragment(0x0, Arrays.copyOfRange(compressed, third, 2 * third), false));
            c.send(RawClient.fragment(0x0,
                    Arrays.copyOfRange(compressed, 2 * third, compressed.length), true));
            RawClient.Frame echo = c.skipPings();
            assertEquals(TEXT, new String(inflate(echo.payload()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theClientsWindowCarriesOverBetweenMessages() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) { // later messages refer back into earlier ones
                c.send(RawClient.maskedFrame(0x40 | 0x1, deflate(client, text)));
                assertArrayEquals(text, inflate(c.skipPings().payload()), "message " + i);
            }
            client.end();
        }
    }

    /**
     * Reads until the close frame, answers it as a client does, and returns its code; the server
     * then closes the socket (at once when the gate refused the connection: the answer may find
     * it closed already).
     */
    private static int closeCode(RawClient c) throws IOException {
        RawClient.Frame f;
        do {
            f = c.readFrame();
        } while (f.opcode() != 0x8);
        try {
            c.send(RawClient.maskedFrame(0x8, f.payload()));
            byte[] rest = c.readToEof();
            assertEquals(0, rest.length, "nothing after the close frame: " + Arrays.toString(rest));
        } catch (java.net.SocketException closedAlready) {
            // the server had closed the connection: what the test waits for
        }
        return f.closeCode();
    }

    @Test
    void aBombIsClosedWith1009AndNeverReachesTheEndpoint() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            byte[] bomb = deflate(new byte[64 << 20]); // 64 MiB of zeros in ~64 KiB
            int before = Compressed.RECEIVED.get();
            c.send(RawClient.maskedFrame(0x40 | 0x2, bomb));
            assertEquals(1009, closeCode(c));
            assertEquals(before, Compressed.RECEIVED.get(), "the endpoint never saw it");
            String id = hello.substring("hello ".length());
            String closed;
            do { // other tests' connections may finish now too
                closed = Compressed.CLOSES.poll(10, TimeUnit.SECONDS);
            } while (closed != null && !closed.startsWith(id + " "));
            assertEquals(id + " 1009", closed, "the closed event reports the code sent");
        }
    }

    @Test
    void aBombSpreadOverFragmentsIsClosedWith1009Too() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            byte[] bomb = deflate(new byte[1 << 20]);
            int half = bomb.length / 2;
            c.send(RawClient.fragment(0x40 | 0x1, Arrays.copyOfRange(bomb, 0, half), false));
            c.send(RawClient.fragment(0x0, Arrays.copyOfRange(bomb, half, bomb.length), true));
            assertEquals(1009, closeCode(c));
        }
    }

    @Test
    void invalidCompressedDataIsClosedWith1007() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            int before = Compressed.RECEIVED.get();
            c.send(RawClient.maskedFrame(0x40 | 0x1, new byte[] {(byte) 0xff, (byte) 0xff, 0}));
            assertEquals(1007, closeCode(c));
            assertEquals(before, Compressed.RECEIVED.get());
        }
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() throws Exception {
        try (RawClient c = open("/deflate/on", OFFER)) {
            byte[] compressed = deflate(TEXT.getBytes(StandardCharsets.UTF_8));
            int half = compressed.length / 2;
            c.send(RawClient.fragment(0x40 | 0x1, Arrays.copyOfRange(compressed, 0, half), false));
            c.send(RawClient.fragment(0x40, Arrays.copyOfRange(compressed, half,
                    compressed.length), true));
            assertEquals(1002, closeCode(c));
        }
    }

    @Test
    void rsv1WithoutNegotiationIsAProtocolError() throws Exception {
        try (RawClient c = open("/deflate/off", OFFER)) {
            c.send(RawClient.maskedFrame(0x40 | 0x1, deflate(TEXT.getBytes(StandardCharsets.UTF_8))));
            assertEquals(1002, closeCode(c));
        }
    }

    @Test
    void tyrusClientSideDeflateInteroperates() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .extensions(List.of(new PerMessageDeflateExtension())).build();
        Session s = ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig c) {
                session.addMessageHandler(String.class, got::add);
            }
        }, config, server.uri("/deflate/on"));
        try {
            assertEquals(List.of("permessage-deflate"),
                    s.getNegotiatedExtensions().stream().map(Extension::getName).toList());
            assertTrue(got.poll(10, TimeUnit.SECONDS).startsWith("hello "));
            for (int i = 0; i < 3; i++) { // its compressor keeps its window between messages
                s.getBasicRemote().sendText(TEXT + i);
                assertEquals(TEXT + i, got.poll(10, TimeUnit.SECONDS));
            }
            s.getBasicRemote().sendText("basic:" + TEXT);
            assertEquals(TEXT, got.poll(10, TimeUnit.SECONDS));
        } finally {
            s.close();
        }
    }

    @Test
    void malformedOrInvalidOffersAreDeclinedAndTheConnectionWorksUncompressed() throws Exception {
        for (String header : List.of("permessage-deflate; \"unterminated", ";;;=,,",
                "permessage-deflate; server_max_window_bits=abc",
                "permessage-deflate; client_max_window_bits=\"8\"\"9\"",
                "permessage-deflate; server_max_window_bits=8")) {
            try (RawClient c = open("/deflate/on", "Sec-WebSocket-Extensions: " + header)) {
                assertNull(extensions(head), header);
                c.send(RawClient.maskedFrame(0x1, TEXT.getBytes(StandardCharsets.UTF_8)));
                RawClient.Frame echo = c.skipPings();
                assertFalse(rsv1(c), header);
                assertEquals(TEXT, echo.text(), header);
            }
        }
    }

    @Test
    void theApplicationWideSettingTurnsItOnWhereTheEndpointLeavesItOpen() throws Exception {
        System.setProperty("switchboard.per-message-deflate", "true");
        try (EmbeddedServer other = EmbeddedServer.builder().port(0)
                .endpoints(Compressed.Off.class).start();
                RawClient c = new RawClient(other.port())) {
            c.send(RawClient.upgrade("/deflate/off", other.port(), OFFER));
            assertEquals("permessage-deflate; server_no_context_takeover", extensions(c.readHead()));
        } finally {
            System.clearProperty("switchboard.per-message-deflate");
        }
        System.setProperty("switchboard.per-message-deflate", "sometimes");
        try {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalStateException.class, () -> EmbeddedServer.builder().port(0)
                            .endpoints(Compressed.Off.class).start());
            assertTrue(e.getMessage().contains("SWB-2006")
                    && e.getMessage().contains("switchboard.per-message-deflate"), e.getMessage());
        } finally {
            System.clearProperty("switchboard.per-message-deflate");
        }
    }
}

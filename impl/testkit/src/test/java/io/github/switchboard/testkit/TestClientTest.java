package io.github.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The client: reassembly, what an await reports instead, closing, headers and handshakes. */
@SwitchboardTest(endpoints = ScriptEndpoint.class)
class TestClientTest {

    /** Only for waits that must fail because nothing will ever arrive. */
    private static final Duration NOTHING_COMES = Duration.ofMillis(200);

    private final TestServer server;

    TestClientTest(TestServer server) {
        this.server = server;
    }

    private TestClient connect() {
        return server.client("/script").connect();
    }

    private static void assertMessageContains(AssertionFailedError e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void textFragmentsArriveAsOneMessage() {
        try (TestClient client = connect()) {
            client.send("parts a b c");
            assertEquals("abc", client.awaitText());
            client.send("next");
            assertEquals("next", client.awaitText());
        }
    }

    @Test
    void aLongTextMessageArrivesWhole() {
        try (TestClient client = connect()) {
            client.send("big 300000"); // far more than the JDK hands its listener at once
            assertEquals("x".repeat(300_000), client.awaitText());
        }
    }

    @Test
    void binaryFragmentsArriveAsOneReadOnlyBuffer() {
        try (TestClient client = connect()) {
            client.send("binary-parts");
            ByteBuffer received = client.awaitBinary();
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), received);
            assertTrue(received.isReadOnly());
        }
    }

    @Test
    void sendingABufferLeavesItsPositionAlone() {
        try (TestClient client = connect()) {
            ByteBuffer data = ByteBuffer.wrap(new byte[] {9, 8, 7});
            client.send(data);
            assertEquals(0, data.position());
            assertEquals(data, client.awaitBinary());
        }
    }

    @Test
    void awaitTextNamesTheBinaryMessageThatCameAndLeavesIt() {
        try (TestClient client = connect()) {
            ByteBuffer cafe = ByteBuffer.wrap(new byte[] {(byte) 0xca, (byte) 0xfe});
            client.send(cafe);
            AssertionFailedError e = assertThrows(AssertionFailedError.class, client::awaitText);
            assertMessageContains(e, "expected a text message",
                    "a binary message (2 bytes: ca fe)");
            assertEquals(cafe, client.awaitBinary());
        }
    }

    @Test
    void awaitBinaryNamesTheTextMessageThatCameAndLeavesIt() {
        try (TestClient client = connect()) {
            client.send("hi");
            AssertionFailedError e = assertThrows(AssertionFailedError.class, client::awaitBinary);
            assertMessageContains(e, "expected a binary message", "the text message \"hi\"");
            assertEquals("hi", client.awaitText());
        }
    }

    @Test
    void awaitTextFailsWhenNothingArrivesWithinTheTimeout() {
        try (TestClient client = connect()) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> client.withTimeout(NOTHING_COMES).awaitText());
            assertMessageContains(e, "within PT0.2S", "but nothing arrived");
            client.send("still open"); // the short timeout was only the view's
            assertEquals("still open", client.awaitText());
        }
    }

    @Test
    void awaitTextReportsTheCloseAndAwaitCloseReturnsItEveryTime() {
        try (TestClient client = connect()) {
            client.send("close 4001 gone away");
            AssertionFailedError e = assertThrows(AssertionFailedError.class, client::awaitText);
            assertMessageContains(e, "the close 4001 \"gone away\"");
            assertEquals(new CloseStatus(4001, "gone away"), client.awaitClose());
            assertEquals(new CloseStatus(4001, "gone away"), client.awaitClose());
        }
    }

    @Test
    void awaitCloseFailsWhileAMessageBeforeTheCloseIsUnread() {
        try (TestClient client = connect()) {
            client.send("unread");
            client.send("close 1000");
            AssertionFailedError e = assertThrows(AssertionFailedError.class, client::awaitClose);
            assertMessageContains(e, "first received the text message \"unread\"");
            assertEquals("unread", client.awaitText());
            assertEquals(1000, client.awaitClose().code());
        }
    }

    @Test
    void awaitCloseFailsWhenTheConnectionStaysOpen() {
        try (TestClient client = connect()) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> client.withTimeout(NOTHING_COMES).awaitClose());
            assertMessageContains(e, "to close within PT0.2S, but it is still open");
        }
    }

    @Test
    void theServerAnswersTheClientsCloseAndLaterSendsFail() {
        TestClient client = connect();
        client.close(4000, "done");
        assertEquals(4000, client.awaitClose().code());
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> client.send("late"));
        assertMessageContains(e, "could not send the text message \"late\"");
        client.close(); // again: nothing happens
        client.close(1000, "");
    }

    @Test
    void aCloseCodeTheJdkCannotSendIsRefusedAndTheConnectionStaysOpen() {
        try (TestClient client = connect()) {
            assertThrows(IllegalArgumentException.class, () -> client.close(1006, ""));
            client.send("still open");
            assertEquals("still open", client.awaitText());
        }
    }

    @Test
    void headersAndCookiesReachTheServerCookiesInOneHeader() {
        try (TestClient client = server.client("/script").header("X-Trace", "1")
                .header("X-Trace", "2").cookie("a", "1").cookie("b", "2").connect()) {
            client.send("headers x-trace");
            assertEquals("[1, 2]", client.awaitText());
            client.send("headers cookie");
            assertEquals("[a=1; b=2]", client.awaitText());
        }
    }

    @Test
    void headersTheJdkSetsItselfAreRefusedWhenAdded() {
        TestClient.Builder builder = server.client("/script");
        for (String name : new String[] {"Host", "connection", "Upgrade", "Content-Length",
                "Expect", "Sec-WebSocket-Key", "sec-websocket-version"}) {
            assertThrows(IllegalArgumentException.class, () -> builder.header(name, "x"), name);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.header("Sec-WebSocket-Protocol", "script.v1"));
        assertTrue(e.getMessage().contains("subprotocols"), e.getMessage());
    }

    @Test
    void cookiesAndACookieHeaderCannotBeMixedAndMalformedCookiesAreRefused() {
        assertThrows(IllegalStateException.class,
                () -> server.client("/script").cookie("a", "1").header("Cookie", "b=2"));
        assertThrows(IllegalStateException.class,
                () -> server.client("/script").header("Cookie", "b=2").cookie("a", "1"));
        for (String[] bad : new String[][] {{"", "1"}, {"a=b", "1"}, {"a", "1; b=2"},
                {"a", "1,2"}, {"a", "x y"}, {"a", "\u00e9"}, {"a", "\r\n"}}) {
            assertThrows(IllegalArgumentException.class,
                    () -> server.client("/script").cookie(bad[0], bad[1]), bad[0] + "=" + bad[1]);
        }
    }

    @Test
    void theServerChoosesAmongTheOfferedSubprotocols() {
        try (TestClient client = server.client("/script").subprotocols("other", "script.v1")
                .connect()) {
            assertEquals("script.v1", client.subprotocol());
        }
        try (TestClient client = connect()) {
            assertEquals("", client.subprotocol());
        }
    }

    @Test
    void connectNamesTheStatusOfARefusal() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> server.client("/nowhere").connect());
        assertMessageContains(e, "/nowhere to be accepted, but it was rejected with HTTP 404");
    }

    @Test
    void connectExpectingRejectionFailsWhenTheServerAccepts() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> server.client("/script").connectExpectingRejection());
        assertMessageContains(e, "to be rejected, but the server accepted it");
    }

    @Test
    void connectNamesTheCauseWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> TestClient.builder(URI.create("ws://127.0.0.1:" + port + "/x")).connect());
        assertMessageContains(e, "could not connect to ws://127.0.0.1:" + port + "/x");
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    @Test
    void connectFailsWhenTheServerNeverAnswersTheUpgrade() throws Exception {
        // The backlog accepts the TCP connection; nobody ever reads the request.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/x");
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> TestClient.builder(uri).timeout(NOTHING_COMES).connect());
            assertMessageContains(e, "no handshake response from " + uri + " within PT0.2S");
        }
    }

    @Test
    void connectSaysSoWhenTheServerAcceptsWithAResponseTheJdkRefuses() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch judged = new CountDownLatch(1);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = fake.accept()) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    while (!in.readLine().isEmpty()) {
                        // the request head
                    }
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\n"
                            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: wrong\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    judged.await(30, TimeUnit.SECONDS); // keep it open until the client decided
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            URI uri = URI.create("ws://127.0.0.1:" + fake.getLocalPort() + "/x");
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> TestClient.builder(uri).connect());
            judged.countDown();
            assertMessageContains(e, "the server accepted the upgrade to " + uri
                    + " with a response the JDK refuses");
            server.get(30, TimeUnit.SECONDS);
        }
    }
}

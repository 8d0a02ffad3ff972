package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.CloseStatus;
import io.github.switchboard.testkit.TestClient;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Credential expiry (issue 11 §2): the close code, extensions, traffic, and many at once. */
class ExpiryTest {

    private static final String PER_ADDRESS = "switchboard.max-connections-per-address";
    private static EmbeddedServer server;
    private static String previousLimit;

    @BeforeAll
    static void start() {
        previousLimit = System.getProperty(PER_ADDRESS);
        System.setProperty(PER_ADDRESS, "5000"); // every client comes from 127.0.0.1
        server = EmbeddedServer.builder().port(0).endpoints(Expiring.class)
                .beanClasses(Expiring.ExpiryGuard.class).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (previousLimit == null) {
            System.clearProperty(PER_ADDRESS);
        } else {
            System.setProperty(PER_ADDRESS, previousLimit);
        }
    }

    private static TestClient connect(long expiresAtMillis) {
        TestClient.Builder b = TestClient.builder(server.uri("/expiring"));
        if (expiresAtMillis >= 0) {
            b.header("X-Expires-At", Long.toString(expiresAtMillis));
        }
        return b.connect();
    }

    private static long in(long millis) {
        return System.currentTimeMillis() + millis;
    }

    @Test
    void anExpiredConnectionClosesWithTheDocumentedCode() {
        long at = in(300);
        try (TestClient c = connect(at)) {
            assertEquals("hello " + at, c.awaitText(), "the guard's instant is the expiry");
            CloseStatus status = c.awaitClose();
            assertEquals(new CloseStatus(Connection.CREDENTIALS_EXPIRED, "credentials expired"),
                    status);
            assertEquals(4401, Connection.CREDENTIALS_EXPIRED, "the documented code");
        }
    }

    @Test
    void anExtensionMovesTheExpiryLaterAndEarlier() {
        long at = in(2_000);
        try (TestClient extended = connect(at); TestClient sentinel = connect(at)) {
            extended.awaitText();
            sentinel.awaitText();
            extended.send("extend " + in(3_600_000));
            String answer = extended.awaitText();
            assumeTrue(answer.equals("extended true true"),
                    "the machine was too slow to extend before the first expiry: " + answer);
            // The sentinel had the same instant: once it is closed, that instant has passed.
            assertEquals(Connection.CREDENTIALS_EXPIRED, sentinel.awaitClose().code());
            extended.send("still here?");
            assertEquals("echo still here?", extended.awaitText());
            extended.send("extend " + in(-1_000)); // earlier: into the past
            assertEquals("extended true true", extended.awaitText());
            assertEquals(Connection.CREDENTIALS_EXPIRED, extended.awaitClose().code());
        }
    }

    @Test
    void aConnectionWithoutExpiryCanBeGivenOne() {
        try (TestClient c = connect(-1)) {
            assertEquals("hello -1", c.awaitText());
            c.send("extend " + in(100));
            assertEquals("extended true true", c.awaitText());
            assertEquals(Connection.CREDENTIALS_EXPIRED, c.awaitClose().code());
        }
    }

    @Test
    void expiryClosesAConnectionWhileMessagesFlow() throws Exception {
        URI uri = server.uri("/expiring");
        try (ManyClients one = ManyClients.connect(uri, 1)) {
            ManyClients.Client c = one.clients.get(0);
            c.socket.sendText("id", true).get(10, TimeUnit.SECONDS);
            assertTrue(c.arrivals.tryAcquire(2, 10, TimeUnit.SECONDS)); // the greeting, the id
            String id = c.texts.get(1).substring("id ".length());
            // A connection without expiry, given one now: traffic does not postpone it.
            c.socket.sendText("extend " + in(500), true).get(10, TimeUnit.SECONDS);
            int sent = 0;
            while (one.closed.getCount() > 0 && sent < 1_000_000) {
                try {
                    c.socket.sendText("m" + sent, true).get(10, TimeUnit.SECONDS);
                    sent++;
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // the close arrived while sending
                }
                if (!c.arrivals.tryAcquire(10, TimeUnit.SECONDS)) {
                    // Seen once on Tyrus 2.1.5: the message in flight at the close got neither
                    // an echo nor, for a while, the close frame; the close below must come.
                    break;
                }
            }
            one.awaitAllClosed();
            long echoes = c.texts.stream().filter(t -> t.startsWith("echo m")).count();
            assertTrue(echoes > 0, "messages flowed before the expiry: " + c.texts.size());
            // The server closes its socket right after its close frame (DESIGN.md §4): a message
            // of ours still in flight then earns a TCP reset that may discard the frame before
            // the client reads it (1006). The server's own record says why it closed.
            assertTrue(c.closeCode == Connection.CREDENTIALS_EXPIRED || c.closeCode == 1006,
                    "closed with " + c.closeCode);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Expiring.CLOSED_WITH.containsKey(id) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10); // the closed event follows the TCP close
            }
            assertEquals(Connection.CREDENTIALS_EXPIRED, Expiring.CLOSED_WITH.get(id));
        }
    }

    @Test
    void thousandsExpiringAtOnceDoNotStallAnotherConnection() throws Exception {
        int count = 1_500;
        try (ManyClients many = ManyClients.connect(server.uri("/expiring"), count)) {
            Topics topics = server.container().select(Topics.class).get();
            Instant at = Instant.now().plusMillis(500);
            int given = 0;
            for (Connection c : topics.subscribers("all")) {
                if (c.extendUntil(at)) { // the same instant for every one of them
                    given++;
                }
            }
            assertEquals(count, given);
            try (TestClient witness = connect(-1)) {
                assertEquals("hello -1", witness.awaitText());
                assertTrue(many.firstClosed.await(60, TimeUnit.SECONDS), "nothing expired");
                witness.send("ping");
                assertEquals("echo ping", witness.awaitText(), "the witness still answers");
                many.awaitAllClosed();
                for (ManyClients.Client c : many.clients) {
                    assertEquals(Connection.CREDENTIALS_EXPIRED, c.closeCode);
                }
                witness.send("pong");
                assertEquals("echo pong", witness.awaitText());
            }
        }
    }
}

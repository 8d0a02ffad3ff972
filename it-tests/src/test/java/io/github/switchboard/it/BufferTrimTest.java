package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Topics;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import io.github.switchboard.internal.cdi.Transport;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's sweep gives back the buffers a burst left behind once a connection has
 * been at rest (DESIGN.md §5 "What a burst leaves behind"); what the connection sends next is
 * unchanged. The buffers kept while busy are tested in OutboundTest, without a clock.
 */
class BufferTrimTest {

    @Test
    void theSweepShrinksTheBuffersOfAConnectionAtRestAndItSendsAsBefore() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(Tuned.Self.class)
                .start();
                TestClient c = TestClient.builder(server.uri("/tuned/self")).connect()) {
            String hello = c.awaitText();
            c.send("sub t");
            assertEquals("sub t true", c.awaitText());
            Transport transport = ((SwitchboardConnection) server.container().select(Topics.class)
                    .get().connection(hello.substring(6)).orElseThrow()).transport();
            String big = "x".repeat(16 * 1024);
            for (int i = 0; i < 20; i++) {
                c.send("pub t " + big + i);
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(big + i, c.awaitText(), "published to itself, in order");
                assertEquals("pub 1", c.awaitText());
            }
            // On the portable path (switchboard.outbound=portable) nothing is counted: 0 at once.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (transport.retainedBytes() > 1024) {
                assertTrue(System.nanoTime() < deadline, "still holding "
                        + transport.retainedBytes() + " bytes after 20 s at rest");
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // a poll, not a wait for time
            }
            c.send("pub t after");
            assertEquals("after", c.awaitText(), "a trimmed connection sends as before");
            assertEquals("pub 1", c.awaitText());
        }
    }
}

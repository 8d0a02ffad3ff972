package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Connection;
import io.github.switchboard.Topics;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard.outbound}: the embedded server's connections use the fast path (frames into
 * their own buffer) by default and the portable one (the session's async remote, as on containers
 * without the embedded gate) with {@code portable}. The build runs this class, with every other
 * integration test, once without the setting and once with {@code portable} (it-tests/pom.xml,
 * weld5/pom.xml).
 */
class PortableOutboundTest {

    private static final String SETTING = "switchboard.outbound";

    private static EmbeddedServer start() {
        return EmbeddedServer.builder().port(0).endpoints(Tuned.Self.class).start();
    }

    @Test
    void theSettingChoosesTheTransportAndOnOpensSendArrivesFirst() {
        boolean portable = "portable".equals(System.getProperty(SETTING));
        try (EmbeddedServer server = start();
                TestClient c = TestClient.builder(server.uri("/tuned/self")).connect()) {
            // Sent from @OnOpen: on the portable path before the session was known, so it waited.
            String hello = c.awaitText();
            assertTrue(hello.startsWith("hello "), hello);
            c.send("sub t");
            assertEquals("sub t true", c.awaitText());
            Topics topics = server.container().select(Topics.class).get();
            Connection connection = topics.connection(hello.substring(6)).orElseThrow();
            String transport = ((SwitchboardConnection) connection).transport().getClass()
                    .getSimpleName();
            assertEquals(portable ? "SessionTransport" : "WriterTransport", transport);
            c.send("pub t one");
            c.send("pub t two");
            assertEquals("one", c.awaitText(), "publishToSelf, in order with the answers");
            assertEquals("pub 1", c.awaitText());
            assertEquals("two", c.awaitText());
            assertEquals("pub 1", c.awaitText());
        }
    }

    @Test
    void aValueOtherThanFastOrPortableFailsTheStartNamingTheSetting() {
        String before = System.getProperty(SETTING);
        System.setProperty(SETTING, "turbo");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    PortableOutboundTest::start);
            assertTrue(e.getMessage().contains("SWB-2006") && e.getMessage().contains(SETTING)
                    && e.getMessage().contains("turbo"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(SETTING);
            } else {
                System.setProperty(SETTING, before);
            }
        }
    }
}

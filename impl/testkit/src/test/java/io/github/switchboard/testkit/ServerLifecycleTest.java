package io.github.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

/**
 * The server is closed once its class has finished: the second nested class runs after the
 * first one's after-all callbacks, and finds nothing listening on its port.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ServerLifecycleTest {

    private static TestServer started;

    @Nested
    @Order(1)
    @SwitchboardTest(endpoints = ScriptEndpoint.class)
    class WhileItsClassRuns {
        @Test
        void theServerAnswers(TestServer server) {
            started = server;
            try (TestClient client = server.client("/script").connect()) {
                client.send("ping");
                assertEquals("ping", client.awaitText());
            }
        }
    }

    @Nested
    @Order(2)
    class AfterItsClassFinished {
        @Test
        void theServerIsClosed() throws Exception {
            assumeTrue(started != null, "runs after WhileItsClassRuns");
            try (Socket socket = new Socket()) {
                assertThrows(ConnectException.class, () -> socket.connect(
                        new InetSocketAddress("127.0.0.1", started.port()), 5_000));
            }
        }
    }
}

package io.github.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.switchboard.testkit.example.EchoEndpoint;
import io.github.switchboard.testkit.example.TokenGuard;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One server per class, on loopback, handed to every kind of parameter. */
@SwitchboardTest(endpoints = ScriptEndpoint.class)
class SwitchboardExtensionTest {

    private static TestServer fromBeforeAll;
    private final TestServer fromConstructor;

    SwitchboardExtensionTest(TestServer server) {
        this.fromConstructor = server;
    }

    @BeforeAll
    static void remember(TestServer server) {
        fromBeforeAll = server;
    }

    @Test
    void constructorBeforeAllAndTestMethodGetTheOneServerOfTheClass(TestServer fromMethod) {
        assertSame(fromBeforeAll, fromConstructor);
        assertSame(fromBeforeAll, fromMethod);
    }

    @Test
    void theServerListensOnLoopbackOnAnEphemeralPort(TestServer server) {
        assertEquals("127.0.0.1", server.embedded().host());
        assertNotEquals(0, server.port());
        assertEquals(URI.create("ws://127.0.0.1:" + server.port() + "/script"),
                server.uri("/script"));
        try (TestClient client = server.client("/script").connect()) {
            client.send("ping");
            assertEquals("ping", client.awaitText());
        }
    }

    @Nested
    class ANestedClass {
        @Test
        void sharesTheServerOfItsEnclosingClass(TestServer server) {
            assertSame(fromBeforeAll, server);
        }
    }

    @Nested
    @SwitchboardTest(endpoints = EchoEndpoint.class, beans = TokenGuard.class)
    class ANestedClassWithItsOwnAnnotation {
        @Test
        void getsAServerOfItsOwn(TestServer server) {
            assertNotSame(fromBeforeAll, server);
            assertNotEquals(fromBeforeAll.port(), server.port());
            SwitchboardAssertions.assertRejectedWith(server.client("/echo"), 401);
        }
    }
}

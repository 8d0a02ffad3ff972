package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.internal.cdi.Current;
import io.github.switchboard.internal.cdi.IoSlot;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.junit.jupiter.api.Test;

/** The configurator's refusals that no client of the embedded server can provoke. */
class HandshakeProcessorTest {

    private static HandshakeRequest request(Map<String, List<String>> headers) {
        return new HandshakeRequest() {
            @Override public Map<String, List<String>> getHeaders() { return headers; }
            @Override public Principal getUserPrincipal() { return null; }
            @Override public URI getRequestURI() { return URI.create("/x"); }
            @Override public boolean isUserInRole(String role) { return false; }
            @Override public Object getHttpSession() { return null; }
            @Override public Map<String, List<String>> getParameterMap() { return Map.of(); }
            @Override public String getQueryString() { return null; }
        };
    }

    private static int refusedStatus(Map<String, List<String>> headers, TyrusUpgradeResponse response) {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Object.class, "/x").build();
        Throwable t = assertThrows(Throwable.class,
                () -> HandshakeProcessor.process(sec, request(headers), response));
        assertFalse(sec.getUserProperties().containsKey(io.github.switchboard.Handshake.USER_PROPERTY),
                "a refused handshake stores no context");
        return assertInstanceOf(HandshakeException.class, t).getHttpStatusCode();
    }

    @Test
    void aCaptureHeaderThatDoesNotVerifyIsRefusedWith400() {
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        assertEquals(400, refusedStatus(Map.of(RawCapture.HEADER, List.of("0123.AAAA")), response));
        assertEquals("Bad Request", response.getReasonPhrase());
        assertEquals(List.of("close"), response.getHeaders().get("Connection"));
    }

    @Test
    void aHandoverFromAServerThatIsNotRunningIsRefusedAndTakenOnce() {
        IoSlot slot = new IoSlot();
        slot.handover(new IoSlot.Handover("no-such-server", new RawCapture(List.of(),
                new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2),
                false)));
        IoSlot previous = Current.enterIo(slot);
        try {
            TyrusUpgradeResponse response = new TyrusUpgradeResponse();
            assertEquals(503, refusedStatus(Map.of(), response));
            assertNull(slot.takeHandover(), "the configurator took it");
            assertNull(slot.connection());
        } finally {
            Current.exitIo(previous);
        }
    }

    @Test
    void withoutACdiContainerTheUpgradeIsRefusedNotLetThrough() {
        // No CDI container runs in this unit test: guards cannot run, so fail closed (SWB-1003).
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        assertEquals(500, refusedStatus(Map.of(), response));
        assertTrue(response.getHeaders().containsKey("X-Correlation-Id"));
    }
}

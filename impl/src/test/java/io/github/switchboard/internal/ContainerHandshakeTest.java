package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.switchboard.internal.cdi.ContainerCreation;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code modifyHandshake} on a container that is not Tyrus, without a CDI container. */
class ContainerHandshakeTest {

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

    private static final HandshakeResponse NOT_TYRUS = () -> new HashMap<>();

    @Test
    void aHandshakeThatCannotBeCheckedIsMarkedForTheFallbackCloseNotThrown() {
        // No filter entry and no CDI container: the checks fail closed through the fallback
        // (1011 before @OnOpen) instead of throwing, which WildFly turns into a stack trace page.
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Object.class, "/x").build();
        HandshakeProcessor.process(sec, request(Map.of("Sec-WebSocket-Key",
                List.of("FFFFFFFFFFFFFFFFFFFFFF=="))), NOT_TYRUS);
        assertEquals(1011, sec.getUserProperties().get(ContainerCreation.REFUSED_PROPERTY));
        assertFalse(sec.getUserProperties().containsKey(io.github.switchboard.Handshake.USER_PROPERTY));
    }

    @Test
    void theFilterEntryIsTakenOnceAndOnlyForItsEndpoint() {
        String key = "GGGGGGGGGGGGGGGGGGGGGG==";
        Handoffs.Entry entry = new Handoffs.Entry("/other", null, null);
        Handoffs.offer(key, entry);
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Object.class, "/x").build();
        HandshakeProcessor.process(sec, request(Map.of("sec-websocket-key", List.of(key))), NOT_TYRUS);
        assertFalse(Handoffs.waiting(key), "taken by the handshake that read it");
        // The entry named another endpoint: this one was checked itself (and failed closed).
        assertEquals(1011, sec.getUserProperties().get(ContainerCreation.REFUSED_PROPERTY));
    }

    @Test
    void fallbackCloseCodesFollowTheStatus() {
        assertEquals(4401, PreUpgrade.Verdict.refused(401, "Unauthorized", Map.of(), "").closeCode());
        assertEquals(4403, PreUpgrade.Verdict.refused(403, "Forbidden", Map.of(), "").closeCode());
        assertEquals(4400, PreUpgrade.Verdict.refused(400, "Bad Request", Map.of(), "").closeCode());
        assertEquals(1011, PreUpgrade.Verdict.refused(500, "Internal Server Error", Map.of(), "").closeCode());
        assertEquals(1013, PreUpgrade.Verdict.refused(503, "Service Unavailable", Map.of(), "").closeCode());
    }
}

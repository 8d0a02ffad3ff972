package io.github.switchboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServedHostsTest {

    private static final InetSocketAddress V4_LOOPBACK = new InetSocketAddress("127.0.0.1", 8080);

    @Test
    void aLoopbackConnectionIsServedUnderTheLoopbackNamesAndTheBoundName() {
        Set<String> hosts = ServedHosts.forConnection(Set.of(), "My-Laptop", V4_LOOPBACK);
        assertTrue(hosts.containsAll(Set.of("localhost", "127.0.0.1", "[::1]", "my-laptop")), hosts.toString());
    }

    @Test
    void aWildcardBindStillRestrictsConnectionsThatArriveOnLoopback() {
        Set<String> hosts = ServedHosts.forConnection(Set.of(), "0.0.0.0", V4_LOOPBACK);
        assertEquals(Set.of("localhost", "127.0.0.1", "[::1]"), hosts);
    }

    @Test
    void anIpv6LoopbackConnectionAddsItsBracketedAddress() {
        Set<String> hosts = ServedHosts.forConnection(Set.of(), "::1",
                new InetSocketAddress("::1", 8080));
        assertTrue(hosts.contains("[0:0:0:0:0:0:0:1]") && hosts.contains("[::1]"), hosts.toString());
    }

    @Test
    void aNonLoopbackConnectionGetsOnlyTheConfiguredNamesOrNoRestriction() {
        InetSocketAddress lan = new InetSocketAddress("192.0.2.10", 8080);
        assertEquals(Set.of(), ServedHosts.forConnection(Set.of(), "0.0.0.0", lan));
        assertEquals(Set.of("chat.example"), ServedHosts.forConnection(Set.of("chat.example"), "0.0.0.0", lan));
    }

    @Test
    void anUnknownLocalAddressGetsOnlyTheConfiguredNames() {
        assertEquals(Set.of("chat.example"), ServedHosts.forConnection(Set.of("chat.example"), null, null));
    }
}

package io.github.switchboard.internal.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.Attachments;
import io.github.switchboard.Handshake;
import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.ContainerCreation;
import io.github.switchboard.internal.cdi.ContainerHooks;
import io.github.switchboard.internal.cdi.EndpointFactory;
import io.github.switchboard.internal.cdi.SwitchboardConnection;
import io.github.switchboard.internal.cdi.SwitchboardExtension;
import io.undertow.servlet.api.InstanceHandle;
import io.undertow.websockets.jsr.ConfiguredServerEndpoint;
import io.undertow.websockets.jsr.DefaultContainerConfigurator;
import io.undertow.websockets.jsr.ServerWebSocketContainer;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Undertow's hooks against stand-ins with the shape of the Undertow 2.3 members they read (test
 * sources, packages {@code io.undertow.*}): the release handle is left only inside onConnect's
 * bracket and finishes its connection, and a connection finds its session among its endpoint's
 * open sessions, binding the others it passes. What happens inside WildFly is
 * {@code WildFlyTest}'s.
 */
class UndertowHooksTest {

    /** The endpoint class; any bean will do. */
    @Dependent
    public static class Echo {
    }

    /** Another endpoint of the same application. */
    @Dependent
    public static class Other {
    }

    private WeldContainer weld;
    private ConnectionServices services;
    private ConfiguredServerEndpoint echo;
    private ConfiguredServerEndpoint other;
    private ServerWebSocketContainer container;

    @BeforeEach
    void start() {
        weld = new Weld().disableDiscovery().addExtension(new SwitchboardExtension())
                .addBeanClasses(Echo.class, Other.class).initialize();
        services = new ConnectionServices(weld.getBeanManager(), -1);
        echo = new ConfiguredServerEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/e")
                .build());
        other = new ConfiguredServerEndpoint(ServerEndpointConfig.Builder.create(Other.class, "/o")
                .build());
        container = new ServerWebSocketContainer(List.of(other, echo));
        UndertowHooks.install(container);
    }

    @AfterEach
    void stop() {
        ContainerCreation.install(ContainerHooks.NONE);
        DefaultContainerConfigurator.close();
        weld.shutdown();
    }

    private SwitchboardConnection connection() {
        Handshake h = (Handshake) Proxy.newProxyInstance(Handshake.class.getClassLoader(),
                new Class<?>[] {Handshake.class}, (p, m, a) -> m.getName().equals("path") ? "/e"
                        : null);
        return new SwitchboardConnection(h, Attachments.empty(), services,
                services.options(Echo.class), null, false, null);
    }

    /** Undertow's onConnect: the bracket around getEndpointInstance; the handle it keeps. */
    private Object created(SwitchboardConnection c, Object[] handle) throws Exception {
        ContainerCreation.offer(c, Echo.class);
        DefaultContainerConfigurator.open(new Object());
        Object instance = EndpointFactory.create(Echo.class);
        handle[0] = DefaultContainerConfigurator.close();
        return instance;
    }

    /** A session of {@code c} whose async sends land in {@code sent}. */
    private static Session session(SwitchboardConnection c, List<String> sent) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SwitchboardConnection.USER_PROPERTY, c);
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                UndertowHooksTest.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
                (p, m, a) -> {
                    if (m.getName().equals("sendText")) {
                        sent.add((String) a[0]);
                        ((SendHandler) a[1]).onResult(new SendResult());
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(UndertowHooksTest.class.getClassLoader(),
                new Class<?>[] {Session.class}, (p, m, a) -> switch (m.getName()) {
                    case "getUserProperties" -> properties;
                    case "isOpen" -> true;
                    case "getAsyncRemote" -> async;
                    case "getId" -> "session of " + c.id();
                    case "getMaxTextMessageBufferSize", "getMaxBinaryMessageBufferSize" ->
                            Integer.MAX_VALUE;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    @Test
    void theReleaseHandleIsLeftOnlyInsideUndertowsCreationAndFinishesItsConnection()
            throws Exception {
        SwitchboardConnection c = connection();
        Object[] handle = new Object[1];
        Object instance = created(c, handle);
        assertTrue(handle[0] instanceof InstanceHandle<?>, "Undertow keeps Switchboard's handle");
        InstanceHandle<?> h = (InstanceHandle<?>) handle[0];
        assertSame(instance, h.getInstance());
        assertFalse(c.finished());

        c.ended(); // the transport is gone, but Undertow still holds the endpoint
        assertFalse(c.finished(), "not before Undertow releases the endpoint");
        h.release();
        assertTrue(c.finished(), "the release finishes the connection, no @OnClose needed");
        h.release(); // Undertow may release twice (after @OnClose, then when the session closes)
        assertTrue(c.finished());

        // Outside the bracket (no instance factory set) nothing is left for a later creation.
        SwitchboardConnection outside = connection();
        ContainerCreation.offer(outside, Echo.class);
        EndpointFactory.create(Echo.class);
        assertNull(DefaultContainerConfigurator.close(), "no handle outside onConnect");
    }

    @Test
    void aConnectionFindsItsSessionAndBindsTheOthersItPasses() throws Exception {
        List<SwitchboardConnection> connections = new ArrayList<>();
        List<Object> instances = new ArrayList<>();
        List<List<String>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SwitchboardConnection c = connection();
            instances.add(created(c, new Object[1]));
            // What @OnOpen sends before the session is known waits for it.
            assertEquals(io.github.switchboard.SendResult.Status.QUEUED,
                    c.send("hello " + i).status());
            List<String> out = new ArrayList<>();
            echo.addOpenSession(session(c, out));
            connections.add(c);
            sent.add(out);
        }
        // An unrelated endpoint's session is not touched.
        List<String> unrelated = new ArrayList<>();
        SwitchboardConnection stranger = connection();
        other.addOpenSession(session(stranger, unrelated));

        Session found = ContainerHooks.class.cast(hooks()).sessionOf(connections.get(1),
                instances.get(1));
        assertNotNull(found);
        assertSame(connections.get(1), SwitchboardConnection.of(found));
        ContainerCreation.bind(connections.get(1), found);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("hello " + i), sent.get(i), "connection " + i + " is bound");
        }
        assertEquals(List.of(), unrelated);
        assertNull(hooks().sessionOf(stranger, instances.get(0)), "not among Echo's sessions");
    }

    /**
     * Not an assertion of speed: prints what one look costs among a few thousand open sessions
     * (stand-in sessions are proxies, slower than Undertow's own).
     */
    @Test
    void oneLookAmongThreeThousandOpenSessionsIsMeasured() throws Exception {
        List<SwitchboardConnection> all = new ArrayList<>();
        Object instance = null;
        for (int i = 0; i < 3000; i++) {
            SwitchboardConnection c = connection();
            instance = created(c, new Object[1]);
            echo.addOpenSession(session(c, new ArrayList<>()));
            all.add(c);
        }
        hooks().sessionOf(all.get(0), instance); // binds them all
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 50; round++) {
            long t0 = System.nanoTime();
            assertNotNull(hooks().sessionOf(all.get(round), instance));
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("UndertowHooks: one look among %d open sessions: %d µs (best of 50)%n",
                all.size(), best / 1000);
    }

    private static ContainerHooks hooks() throws Exception {
        java.lang.reflect.Field f = ContainerCreation.class.getDeclaredField("hooks");
        f.setAccessible(true);
        return (ContainerHooks) f.get(null);
    }
}

package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.switchboard.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Switchboard's CDI extension refuses broken injection at boot, each problem with its stable id
 * and the class or member at fault, and a refused boot leaves nothing running. Every boot here
 * deploys a valid endpoint and adds the bean under test, so the failure can only come from it.
 */
class BootValidationTest {

    private static final Pattern BOOT_CHECK_ID = Pattern.compile("SWB-000\\d");

    private static EmbeddedServer.Builder deploying(Class<?> endpoint, Class<?>... beans) {
        // No scanning: the class path holds every broken bean of this test.
        return EmbeddedServer.builder().port(0).discovery(false).endpoints(endpoint)
                .beanClasses(beans);
    }

    private static EmbeddedServer.Builder withBean(Class<?> bean) {
        return deploying(BadBeans.OkEndpoint.class, bean);
    }

    /**
     * Starts {@code builder} and expects the start to fail reporting {@code id} and no other boot
     * check, in a message that names every one of {@code names}, with no CDI container left
     * running.
     */
    private static void assertBootFails(EmbeddedServer.Builder builder, String id,
            String... names) {
        List<String> containersBefore = WeldContainer.getRunningContainerIds();
        RuntimeException failure = null;
        try {
            EmbeddedServer server = builder.start();
            server.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure == null) {
            fail("the boot should have failed with " + id);
        }
        List<String> messages = messages(failure);
        String all = String.join("\n", messages);
        assertEquals(Set.of(id), ids(all), all);
        // Weld's message repeats each problem with its stack trace: only the line of the id counts.
        assertTrue(all.lines().anyMatch(line -> line.contains(id)
                && Arrays.stream(names).allMatch(line::contains)),
                "no message with " + id + " names all of " + Arrays.toString(names) + ":\n" + all);
        assertEquals(containersBefore, WeldContainer.getRunningContainerIds(),
                "a refused boot left a CDI container running");
    }

    /** The messages of {@code t}, its causes and suppressed exceptions, each visited once. */
    private static List<String> messages(Throwable t) {
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(t));
        while (!pending.isEmpty()) {
            Throwable next = pending.remove(pending.size() - 1);
            if (next == null || !seen.add(next)) {
                continue;
            }
            messages.add(next.getClass().getName() + ": " + next.getMessage());
            pending.add(next.getCause());
            pending.addAll(List.of(next.getSuppressed()));
        }
        return messages;
    }

    private static Set<String> ids(String messages) {
        Set<String> ids = new TreeSet<>();
        Matcher m = BOOT_CHECK_ID.matcher(messages);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    private static String member(Class<?> type, String name) {
        return type.getName() + "." + name;
    }

    // SWB-0001

    @Test
    void aHeaderWithoutANameFailsTheBoot() {
        assertBootFails(withBean(BadBeans.BlankHeader.class), "SWB-0001",
                member(BadBeans.BlankHeader.class, "tenant"), "@Header(\"\")");
    }

    @Test
    void aCookieNamedOnlyByBlanksFailsTheBoot() {
        assertBootFails(withBean(BadBeans.WhitespaceCookie.class), "SWB-0001",
                member(BadBeans.WhitespaceCookie.class, "session"), "@Cookie(\"  \")");
    }

    // SWB-0002

    @Test
    void aHeaderInjectedIntoAnApplicationScopedBeanFailsTheBoot() {
        assertBootFails(withBean(BadBeans.TenantCache.class), "SWB-0002",
                member(BadBeans.TenantCache.class, "tenant"), "@Header(\"X-Tenant\")",
                "@ApplicationScoped");
    }

    @Test
    void attachmentsInjectedIntoASingletonFailTheBoot() {
        assertBootFails(withBean(BadBeans.SingletonAttachments.class), "SWB-0002",
                member(BadBeans.SingletonAttachments.class, "attachments"), "@Singleton");
    }

    @Test
    void connectionDataInjectedIntoAnApplicationScopedBeanFailsTheBoot() {
        assertBootFails(withBean(BadBeans.AccountRegistry.class), "SWB-0002",
                member(BadBeans.AccountRegistry.class, "account"),
                BadBeans.Account.class.getName());
    }

    @Test
    void optionalConnectionDataInjectedThroughAnInitializerOfAnApplicationScopedBeanFailsTheBoot() {
        assertBootFails(withBean(BadBeans.OptionalAccountRegistry.class), "SWB-0002",
                member(BadBeans.OptionalAccountRegistry.class, "setAccount parameter 0"),
                "java.util.Optional<" + BadBeans.Account.class.getName() + ">");
    }

    @Test
    void queryValuesInjectedIntoASessionScopedBeanFailTheBoot() {
        assertBootFails(withBean(BadBeans.SessionTags.class), "SWB-0002",
                member(BadBeans.SessionTags.class, "tags"), "@SessionScoped");
    }

    @Test
    void aHeaderReachingAnApplicationScopedBeanThroughADependentBeanFailsTheBoot() {
        assertBootFails(deploying(BadBeans.OkEndpoint.class, BadBeans.TenantBanner.class,
                BadBeans.TenantLabel.class), "SWB-0002",
                member(BadBeans.TenantBanner.class, "label"),
                member(BadBeans.TenantLabel.class, "tenant"), "@ApplicationScoped");
    }

    @Test
    void aHeaderReachingASingletonThroughTwoDependentBeansFailsTheBoot() {
        assertBootFails(deploying(BadBeans.OkEndpoint.class, BadBeans.LabelCache.class,
                BadBeans.LabelHolder.class, BadBeans.TenantLabel.class), "SWB-0002",
                member(BadBeans.LabelCache.class, "holder"),
                member(BadBeans.TenantLabel.class, "tenant"), "@Singleton");
    }

    // SWB-0003

    @ParameterizedTest
    @ValueSource(classes = {BadBeans.SharedEndpoint.class, BadBeans.SingletonEndpoint.class,
        BadBeans.TypedSharedEndpoint.class})
    void anEndpointThatIsNotDependentFailsTheBoot(Class<?> endpoint) {
        assertBootFails(deploying(endpoint), "SWB-0003", endpoint.getName());
    }

    // SWB-0004

    @Test
    void aQueryParameterInjectedAsIntegerFailsTheBoot() {
        assertBootFails(withBean(BadBeans.NumericQuery.class), "SWB-0004",
                member(BadBeans.NumericQuery.class, "page"), "java.lang.Integer");
    }

    @Test
    void aHeaderInjectedAsOptionalIntegerFailsTheBoot() {
        assertBootFails(withBean(BadBeans.OptionalNumberHeader.class), "SWB-0004",
                member(BadBeans.OptionalNumberHeader.class, "count"),
                "java.util.Optional<java.lang.Integer>");
    }

    // SWB-0005
    //
    // An endpoint given to endpoints() without the Switchboard configurator is refused by the
    // embedded server itself (SWB-2003, EmbeddedServerTest) once CDI has booted, so SWB-0005 would
    // never show there. SWB-0005 exists for containers that deploy endpoints the embedded server
    // never sees (a servlet container's scan): such an endpoint is still a CDI bean. Giving it as
    // a bean class reproduces exactly that through the same boot and the extension as every other
    // test here, without reaching into the extension's internal package.

    @Test
    void anEndpointBeanInjectingTheConnectionWithoutTheSwitchboardConfiguratorFailsTheBoot() {
        assertBootFails(withBean(BadBeans.UnconfiguredEndpoint.class), "SWB-0005",
                member(BadBeans.UnconfiguredEndpoint.class, "connection"),
                "SwitchboardConfigurator");
    }

    @Test
    void anEndpointBeanInjectingAHeaderWithoutTheSwitchboardConfiguratorFailsTheBoot() {
        assertBootFails(withBean(BadBeans.UnconfiguredHeaderEndpoint.class), "SWB-0005",
                member(BadBeans.UnconfiguredHeaderEndpoint.class, "tenant"));
    }

    // SWB-0006

    @Test
    void aPathValueThatThePathTemplateLacksFailsTheBoot() {
        assertBootFails(deploying(BadBeans.MisspelledPathValueEndpoint.class), "SWB-0006",
                member(BadBeans.MisspelledPathValueEndpoint.class, "<init> parameter 0"),
                "@PathValue(\"rooms\")", "/rooms/{room}");
    }

    // SWB-0007

    @Test
    void aProducerOfConnectionDataFailsTheBoot() {
        assertBootFails(withBean(BadBeans.AccountProducer.class), "SWB-0007",
                BadBeans.Account.class.getName(),
                member(BadBeans.AccountProducer.class, "account"));
    }

    @Test
    void aProducerFieldOfOptionalConnectionDataFailsTheBoot() {
        assertBootFails(withBean(BadBeans.OptionalAccountField.class), "SWB-0007",
                BadBeans.Account.class.getName(),
                member(BadBeans.OptionalAccountField.class, "account"));
    }

    // Positive controls and cleanup

    @Test
    void everyConstructUsedWhereItIsAllowedBoots() {
        try (EmbeddedServer server = deploying(BadBeans.Valid.Endpoint.class,
                BadBeans.Valid.PerConnection.class, BadBeans.Valid.PerMessage.class,
                BadBeans.Valid.Presence.class, BadBeans.Valid.TenantReader.class,
                BadBeans.Valid.Greetings.class).start()) {
            assertNotEquals(0, server.port());
        }
    }

    @Test
    void aRefusedBootLeavesNoListenerSoTheNextServerStartsAndStops() throws IOException {
        List<String> containersBefore = WeldContainer.getRunningContainerIds();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            port = probe.getLocalPort();
        }
        assertBootFails(withBean(BadBeans.TenantCache.class).port(port), "SWB-0002");
        // Binding fails while anything still listens on the port, even with SO_REUSEADDR.
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.bind(new InetSocketAddress(loopback, port));
        }
        try (EmbeddedServer next = deploying(BadBeans.OkEndpoint.class).start()) {
            assertNotEquals(0, next.port());
        }
        assertEquals(containersBefore, WeldContainer.getRunningContainerIds());
    }
}

package io.github.switchboard.docs.injection;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.docs.injection.invalid.GuestProducer;
import io.github.switchboard.docs.injection.invalid.NamelessQueryEndpoint;
import io.github.switchboard.docs.injection.invalid.NumericHeaderEndpoint;
import io.github.switchboard.docs.injection.invalid.PlainEndpoint;
import io.github.switchboard.docs.injection.invalid.SharedEndpoint;
import io.github.switchboard.docs.injection.invalid.TenantCache;
import io.github.switchboard.docs.injection.invalid.WrongPathEndpoint;
import io.github.switchboard.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each mistake the guide lists stops the server from starting, with its id. */
class BootValidationTest {

    /** Boots with {@code endpoint} and {@code beans}; returns every message of the failure. */
    private static String bootFailure(Class<?> endpoint, Class<?>... beans) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> EmbeddedServer.builder()
                .port(0).discovery(false).endpoints(endpoint).beanClasses(beans).start().close());
        List<String> messages = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t != null && seen.add(t)) {
                messages.add(String.valueOf(t.getMessage()));
                todo.add(t.getCause());
                todo.addAll(List.of(t.getSuppressed()));
            }
        }
        return String.join("\n", messages);
    }

    private static void assertFailsWith(String id, Class<?> endpoint, Class<?>... beans) {
        String failure = bootFailure(endpoint, beans);
        assertTrue(failure.contains(id + " "), "expected " + id + " in: " + failure);
    }

    @Test
    void aContextQualifierWithoutANameIsSwb0001() {
        assertFailsWith("SWB-0001", NamelessQueryEndpoint.class);
    }

    @Test
    void aConnectionValueInAnApplicationScopedBeanIsSwb0002() {
        assertFailsWith("SWB-0002", DeskEndpoint.class, TenantCache.class);
    }

    @Test
    void anEndpointThatIsNotDependentIsSwb0003() {
        assertFailsWith("SWB-0003", SharedEndpoint.class);
    }

    @Test
    void aContextQualifierOnAnotherTypeThanStringIsSwb0004() {
        assertFailsWith("SWB-0004", NumericHeaderEndpoint.class);
    }

    @Test
    void connectionValuesWithoutTheSwitchboardConfiguratorAreSwb0005() {
        assertFailsWith("SWB-0005", PlainEndpoint.class);
    }

    @Test
    void aPathValueTheTemplateLacksIsSwb0006() {
        assertFailsWith("SWB-0006", WrongPathEndpoint.class);
    }

    @Test
    void aConnectionDataTypeAnotherBeanProducesIsSwb0007() {
        assertFailsWith("SWB-0007", DeskEndpoint.class, GuestProducer.class);
    }

    @Test
    void theValidExamplesStart() {
        EmbeddedServer.builder().port(0).discovery(false).endpoints(DeskEndpoint.class)
                .start().close();
    }
}

package io.github.switchboard.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection's code is split into collaborators that act on its fields, so that the split
 * costs an idle connection no object (DESIGN.md §5 "Idle memory"): they must stay stateless.
 */
class ConnectionCollaboratorsTest {

    private static List<Field> instanceFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .toList();
    }

    @Test
    void theLifecycleAndTheBindingHoldNoStateAndHaveNoInstances() {
        for (Class<?> type : List.of(ConnectionLifecycle.class, ConnectionBinding.class)) {
            assertEquals(List.of(), instanceFields(type), type + " has per-connection state");
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                assertTrue(Modifier.isPrivate(c.getModifiers()), type + " can be instantiated");
            }
        }
    }

    @Test
    void theOutboundListenerHoldsOnlyItsConnection() throws Exception {
        Class<?> events = Class.forName(ConnectionBinding.class.getName() + "$OutboundEvents");
        List<Field> fields = instanceFields(events);
        assertEquals(1, fields.size(), fields.toString());
        assertEquals(SwitchboardConnection.class, fields.get(0).getType());
    }

    @Test
    void closeCodesOutsideTheSendableRangesAreRefused() {
        for (int code : new int[] {-1, 0, 999, 1002, 1004, 1005, 1006, 1015, 1016, 2999, 5000,
                Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConnectionBinding.checkCloseCode(code), "code " + code);
            assertTrue(e.getMessage().contains(Integer.toString(code)), e.getMessage());
        }
        for (int code : new int[] {1000, 1001, 1003, 1007, 1008, 1011, 1014, 3000, 4000, 4999}) {
            assertDoesNotThrow(() -> ConnectionBinding.checkCloseCode(code), "code " + code);
        }
    }
}

package io.github.switchboard.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.junit.jupiter.api.Test;

/**
 * The shutdown loop's wait (EmbeddedEngine.closeOnce): a connection attached between reading the
 * change count and waiting must end the wait, not be noticed at the shutdown deadline.
 */
class OpenConnectionsTest {

    /** Far beyond any run of this test: reaching it means a missed change. */
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private static Connection<?> connection() {
        return (Connection<?>) Proxy.newProxyInstance(OpenConnectionsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void anAttachBeforeTheWaitStartsEndsItAtOnce() throws Exception {
        OpenConnections open = new OpenConnections();
        open.add(connection());
        long seen = open.changes();
        open.attached(); // between the caller's look at the connections and its wait
        assertTrue(open.awaitChange(seen, System.nanoTime() + MINUTE));
    }

    @Test
    void anAttachDuringTheWaitEndsIt() throws Exception {
        OpenConnections open = new OpenConnections();
        open.add(connection());
        long seen = open.changes();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return open.awaitChange(seen, System.nanoTime() + MINUTE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        open.attached();
        assertTrue(waiting.get());
    }

    @Test
    void withoutAChangeTheWaitEndsAtTheDeadlineSayingSo() throws Exception {
        OpenConnections open = new OpenConnections();
        open.add(connection());
        assertFalse(open.awaitChange(open.changes(), System.nanoTime()));
    }

    @Test
    void addingAndRemovingAreChanges() throws Exception {
        OpenConnections open = new OpenConnections();
        Connection<?> c = connection();
        long before = open.changes();
        open.add(c);
        open.add(connection()); // keeps the set non-empty after the removal
        long added = open.changes();
        assertTrue(open.awaitChange(before, System.nanoTime()));
        open.remove(c);
        assertTrue(open.awaitChange(added, System.nanoTime()));
    }
}

package io.github.switchboard.docs.manual;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.switchboard.GuardResult;
import io.github.switchboard.Topics;
import io.github.switchboard.docs.GuideSnippets;
import io.github.switchboard.internal.CookieParser;
import io.github.switchboard.internal.OriginPolicy;
import io.github.switchboard.internal.QueryParser;
import io.github.switchboard.internal.SnapshotFactory;
import io.github.switchboard.internal.cdi.ConnectionLimits;
import io.github.switchboard.internal.cdi.EndpointOptions;
import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import jakarta.websocket.OnMessage;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/options-and-limits.md against the code: every default in its table equals the one the
 * code uses, every row has a check here and every check a row, and its Java blocks are parts of
 * the files they name.
 */
class OptionsAndLimitsPageTest {

    /** One row of the table; cells as written, with their backticks. */
    record Row(String option, String setWith, String defaultValue, String crossing, String wire) {
    }

    private static final Pattern QUANTITY =
            Pattern.compile("(\\d[\\d,]*)\\s*(MiB|KiB|bytes|s\\b|characters)?");

    @Test
    void everyJavaBlockIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources("options-and-limits.md", 3);
    }

    @Test
    void everyDefaultInTheTableIsTheOneInTheCode() throws Exception {
        for (String name : System.getProperties().stringPropertyNames()) {
            assertTrue(!name.startsWith("switchboard."), "a test left the setting " + name);
        }
        EmbeddedServer.Builder builder = EmbeddedServer.builder();
        long serverIdleMillis = ((Duration) field(builder, "idleTimeout")).toMillis();
        // What an endpoint without @WebSocketOptions and without settings gets.
        EndpointOptions none = EndpointOptions.of(Object.class, serverIdleMillis);

        Map<String, Consumer<String>> checks = new LinkedHashMap<>();
        checks.put("Outbound buffer per connection", d -> {
            assertEquals(EndpointOptions.DEFAULT_BACKPRESSURE_LIMIT, quantity(d));
            assertEquals(none.backpressureLimit(), quantity(d));
        });
        checks.put("Close instead of drop", d -> assertEquals(none.closeOnBackpressureLimit(),
                toggle(d)));
        checks.put("Publish to self", d -> assertEquals(none.publishToSelf(), toggle(d)));
        checks.put("Topics per connection", d -> {
            assertEquals(EndpointOptions.DEFAULT_MAX_SUBSCRIPTIONS, quantity(d));
            assertEquals(none.maxSubscriptions(), quantity(d));
        });
        checks.put("Largest client message (per endpoint)", d -> {
            assertEquals(Long.MAX_VALUE, none.maxPayloadLength(), "only the server's limit");
            assertTrue(d.startsWith("the server's `maxMessageSize`"), d);
            assertEquals((long) (int) field(builder, "maxMessageSize"), quantity(d));
        });
        checks.put("Client messages per second", d -> {
            assertEquals(EndpointOptions.DEFAULT_MAX_MESSAGES_PER_SECOND, quantity(d));
            assertEquals(none.maxMessagesPerSecond(), quantity(d));
        });
        checks.put("Idle timeout (per endpoint)", d -> {
            assertTrue(d.startsWith("the server's `idleTimeout`"), d);
            assertEquals(none.idleTimeoutMillis(), quantity(d) * 1000);
        });
        checks.put("Keep-alive pings", d -> assertEquals(none.sendPings(), toggle(d)));
        checks.put("Compression", d -> assertEquals(none.perMessageDeflate(), toggle(d)));
        checks.put("Outbound path (embedded server)", d -> {
            assertEquals("`fast`", d);
            Class<?> outbound = classNamed(
                    "io.github.switchboard.internal.embedded.PortableOutbound");
            assertEquals("switchboard.outbound", staticField(outbound, "SETTING"));
            assertEquals(null, invokeStatic(outbound, "fromSettings"), "unset: the fast path");
        });
        checks.put("Connections of the application",
                d -> assertEquals(ConnectionLimits.DEFAULT_MAX_CONNECTIONS, quantity(d)));
        checks.put("Connections per remote address",
                d -> assertEquals(ConnectionLimits.DEFAULT_MAX_PER_ADDRESS, quantity(d)));
        checks.put("Browser origins", d -> {
            assertEquals("same-origin", d);
            assertSame(OriginPolicy.sameOrigin(), field(builder, "origins"));
        });
        checks.put("`Host` names under same-origin", d -> {
            assertTrue(d.startsWith("the loopback names"), d);
            assertEquals(Set.of(), field(builder, "allowedHosts"), "no names configured");
        });
        checks.put("Listening address",
                d -> assertEquals("`" + field(builder, "host") + "`", d));
        checks.put("Port", d -> assertEquals((long) (int) field(builder, "port"), quantity(d)));
        checks.put("Handshake timeout", d -> assertEquals(
                ((Duration) field(builder, "handshakeTimeout")).toSeconds(), quantity(d)));
        checks.put("Idle timeout (server)", d -> assertEquals(
                ((Duration) field(builder, "idleTimeout")).toSeconds(), quantity(d)));
        checks.put("Shutdown timeout", d -> assertEquals(
                ((Duration) field(builder, "shutdownTimeout")).toSeconds(), quantity(d)));
        checks.put("Request head size",
                d -> assertEquals((long) (int) field(builder, "maxHeaderBytes"), quantity(d)));
        checks.put("Header lines (server)",
                d -> assertEquals((long) (int) field(builder, "maxHeaderCount"), quantity(d)));
        checks.put("Largest client message (server)",
                d -> assertEquals((long) (int) field(builder, "maxMessageSize"), quantity(d)));
        checks.put("Largest `maxMessageSize`",
                d -> assertEquals(EmbeddedServer.Builder.MAX_MESSAGE_SIZE_LIMIT, quantity(d)));
        checks.put("JSR 356 message size", d -> {
            Object jsrDefault = assertDoesNotThrow(() -> OnMessage.class
                    .getMethod("maxMessageSize").getDefaultValue());
            assertEquals("none (`" + jsrDefault + "`)", d);
        });
        checks.put("Header lines (snapshot, any container)",
                d -> assertEquals(SnapshotFactory.MAX_HEADERS, quantity(d)));
        checks.put("Cookies per request",
                d -> assertEquals(CookieParser.MAX_COOKIES, quantity(d)));
        checks.put("Query parameters per request",
                d -> assertEquals(QueryParser.MAX_PARAMETERS, quantity(d)));
        checks.put("Host in an `Origin`", d -> assertEquals(
                (long) (int) staticField(OriginPolicy.class, "MAX_HOST_LENGTH"), quantity(d)));
        checks.put("Topic name length", d -> assertEquals(Topics.MAX_TOPIC_LENGTH, quantity(d)));
        checks.put("Close reason", d -> assertCloseReasonLimit((int) quantity(d)));
        checks.put("Guard's reason phrase", d -> {
            int limit = (int) quantity(d);
            assertDoesNotThrow(() -> GuardResult.reject(403, "x".repeat(limit)));
            assertThrows(IllegalArgumentException.class,
                    () -> GuardResult.reject(403, "x".repeat(limit + 1)));
        });
        checks.put("Close grace", d -> assertEquals((long) (int) staticField(classNamed(
                "io.github.switchboard.internal.embedded.ObservingWriter"), "CLOSE_GRACE_SECONDS"),
                quantity(d)));

        List<Row> rows = rows(read());
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            Consumer<String> check = checks.remove(row.option());
            if (check == null) {
                problems.add("the row '" + row.option() + "' has no check in this test");
                continue;
            }
            try {
                check.accept(row.defaultValue());
            } catch (AssertionError | RuntimeException e) {
                problems.add("the default of '" + row.option() + "' (" + row.defaultValue()
                        + ") is not the code's: " + e.getMessage());
            }
        }
        checks.keySet().forEach(o -> problems.add("no row '" + o + "' in the table"));
        assertEquals(List.of(), problems);
    }

    @Test
    void theParserReadsWhatThePageWrites() {
        assertEquals(1L << 20, quantity("1 MiB"));
        assertEquals(8192, quantity("8,192 bytes"));
        assertEquals(120, quantity("the server's `idleTimeout`, 120 s"));
        assertEquals(123, quantity("123 bytes of UTF-8"));
        assertThrows(AssertionError.class, () -> quantity("same-origin"));
        assertThrows(AssertionError.class, () -> toggle("maybe"));
        List<Row> rows = rows("# T\n\n## The table\n\n| A | B | C | D | E |\n|---|---|---|---|---|\n"
                + "| x | `y` | 1 s | z | — |\n\nAfter.\n| not | a | row | of | it |\n");
        assertEquals(List.of(new Row("x", "`y`", "1 s", "z", "—")), rows);
    }

    /** The rows of the one table under "## The table". */
    static List<Row> rows(String page) {
        int at = page.indexOf("\n## The table\n");
        assertTrue(at >= 0, "no section '## The table'");
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : page.substring(at).split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break; // the table ended
                }
                continue;
            }
            if (!inTable) {
                inTable = true; // the header row
                continue;
            }
            if (line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            assertEquals(5, cells.length, "cells of: " + line);
            rows.add(new Row(cells[0].trim(), cells[1].trim(), cells[2].trim(), cells[3].trim(),
                    cells[4].trim()));
        }
        assertTrue(!rows.isEmpty(), "the table has no rows");
        return rows;
    }

    /** "1 MiB", "8,192 bytes", "120 s", "256 characters", "10,000" as bytes, seconds or a count. */
    static long quantity(String cell) {
        Matcher m = QUANTITY.matcher(cell);
        if (!m.find()) {
            fail("no quantity in '" + cell + "'");
        }
        long n = Long.parseLong(m.group(1).replace(",", ""));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "MiB" -> n << 20;
            case "KiB" -> n << 10;
            default -> n;
        };
    }

    static boolean toggle(String cell) {
        return switch (cell) {
            case "on" -> true;
            case "off" -> false;
            default -> fail("neither on nor off: '" + cell + "'");
        };
    }

    /** A reason of {@code limit} bytes closes the connection; one byte more is refused. */
    private static void assertCloseReasonLimit(int limit) {
        try (EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(Closer.class)
                .start(); TestClient client = TestClient.builder(server.uri("/closer")).connect()) {
            client.send(Integer.toString(limit + 1));
            assertEquals("refused", client.awaitText());
            client.send(Integer.toString(limit));
            assertClosedWith(client, 1000, "r".repeat(limit));
        }
    }

    private static Object field(Object target, String name) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("EmbeddedServer.Builder has no field " + name
                    + " any more: update this test and the page", e);
        }
    }

    private static Object staticField(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + " has no constant " + name
                    + " any more: update this test and the page", e);
        }
    }

    private static Object invokeStatic(Class<?> type, String name) {
        try {
            java.lang.reflect.Method m = type.getDeclaredMethod(name);
            m.setAccessible(true);
            return m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + "." + name + "() failed or is gone: "
                    + "update this test and the page", e);
        }
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is gone: update this test and the page", e);
        }
    }

    private static String read() throws IOException {
        return Files.readString(Path.of("options-and-limits.md"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n");
    }
}

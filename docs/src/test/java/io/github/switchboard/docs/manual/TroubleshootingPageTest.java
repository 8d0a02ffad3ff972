package io.github.switchboard.docs.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/troubleshooting.md explains every message id the code can produce: an id in any module's
 * main sources and not in a row of the page fails, and so does a row for an id the code no
 * longer has.
 */
class TroubleshootingPageTest {

    private static final Pattern ID = Pattern.compile("SWB-\\d{4}");
    /** A row that explains an id: its first cell is the id in backticks. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(SWB-\\d{4})` \\|");

    @Test
    void everyIdInTheCodeHasARowAndEveryRowAnIdInTheCode() throws IOException {
        // Surefire runs in docs/; the repository is its parent.
        Set<String> inCode = idsInMainSources(Path.of(".."));
        assertTrue(inCode.size() >= 30, "the scan found only " + inCode);
        Set<String> onPage = rows(Files.readString(Path.of("troubleshooting.md"),
                StandardCharsets.UTF_8));

        Set<String> unexplained = new TreeSet<>(inCode);
        unexplained.removeAll(onPage);
        assertEquals(Set.of(), unexplained, "ids in the code without a row in troubleshooting.md");
        Set<String> stale = new TreeSet<>(onPage);
        stale.removeAll(inCode);
        assertEquals(Set.of(), stale, "rows in troubleshooting.md for ids no code produces");
    }

    @Test
    void onlyRowsCountAndTheScanSkipsBuildOutput(@TempDir Path root) throws IOException {
        assertEquals(Set.of("SWB-0001"), rows("| `SWB-0001` | a | b |\nsee `SWB-0002` in prose\n"
                + "| x | `SWB-0003` |\n"));
        write(root.resolve("m/src/main/java/A.java"), "\"SWB-1234 x\"");
        write(root.resolve("m/target/classes/B.java"), "\"SWB-9999\"");
        write(root.resolve("m/src/test/java/C.java"), "\"SWB-8888\"");
        assertEquals(Set.of("SWB-1234"), idsInMainSources(root));
    }

    /** The ids in the Java sources under any {@code src/main} below {@code root}. */
    static Set<String> idsInMainSources(Path root) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> isMainSource(root.relativize(p)))
                    .toList();
            for (Path p : sources) {
                Matcher m = ID.matcher(Files.readString(p, StandardCharsets.UTF_8));
                while (m.find()) {
                    ids.add(m.group());
                }
            }
        }
        return ids;
    }

    private static boolean isMainSource(Path relative) {
        boolean main = false;
        for (int i = 0; i < relative.getNameCount(); i++) {
            String part = relative.getName(i).toString();
            if (part.equals("target") || part.startsWith(".")) {
                return false;
            }
            if (part.equals("src") && i + 1 < relative.getNameCount()
                    && relative.getName(i + 1).toString().equals("main")) {
                main = true;
            }
        }
        return main;
    }

    static Set<String> rows(String page) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

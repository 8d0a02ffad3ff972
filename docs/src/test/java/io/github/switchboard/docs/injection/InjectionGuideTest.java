package io.github.switchboard.docs.injection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of docs/injection-and-scopes.md is, line for line, a part of the compiled
 * file that the line above it links to, so a guide that no longer matches its examples fails the
 * build.
 */
class InjectionGuideTest {

    // Surefire runs in the module's directory, docs.
    private static final Path GUIDE = Path.of("injection-and-scopes.md");
    /** A link to a test source, as the guide writes it: [`Name.java`](src/test/java/...). */
    private static final Pattern SOURCE_LINK =
            Pattern.compile("\\]\\((src/test/java/[^)\\s]+\\.java)\\)");
    private static final String OPEN = "```java";
    private static final String CLOSE = "```";

    /**
     * What is wrong with {@code guide}: each Java block must follow, after blank lines only, a
     * line that links to a source file, and consist of whole lines of that file; every linked
     * source must exist. {@code files} reads a path relative to the docs module, empty when absent.
     */
    static List<String> problems(String guide, Function<String, Optional<String>> files) {
        List<String> problems = new ArrayList<>();
        Matcher links = SOURCE_LINK.matcher(guide);
        while (links.find()) {
            if (files.apply(links.group(1)).isEmpty()) {
                problems.add("the guide links to " + links.group(1) + ", which does not exist");
            }
        }
        String[] lines = guide.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].equals(OPEN)) {
                continue;
            }
            int opened = i + 1; // 1-based line of the fence, for messages
            StringBuilder block = new StringBuilder();
            for (i++; i < lines.length && !lines[i].equals(CLOSE); i++) {
                block.append(lines[i]).append('\n');
            }
            if (i == lines.length) {
                problems.add("the Java block at line " + opened + " is never closed");
                break;
            }
            String source = sourceAbove(lines, opened - 1);
            if (source == null) {
                problems.add("the Java block at line " + opened + " names no source file on the "
                        + "line above it");
                continue;
            }
            Optional<String> text = files.apply(source);
            if (text.isPresent() && !("\n" + text.get()).contains("\n" + block)) {
                problems.add("the Java block at line " + opened + " is not a part of " + source
                        + "; it starts: " + block.toString().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    /** The source linked from the last non-blank line before line index {@code fence}. */
    private static String sourceAbove(String[] lines, int fence) {
        for (int j = fence - 1; j >= 0; j--) {
            if (!lines[j].isBlank()) {
                Matcher m = SOURCE_LINK.matcher(lines[j]);
                String last = null;
                while (m.find()) {
                    last = m.group(1);
                }
                return last;
            }
        }
        return null;
    }

    private static Optional<String> read(String relative) {
        Path path = Path.of(relative);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8)
                    .replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyJavaBlockOfTheGuideIsPartOfTheFileItNames() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8).replace("\r\n", "\n");
        long blocks = guide.lines().filter(OPEN::equals).count();
        assertTrue(blocks >= 10, "the guide has only " + blocks + " Java blocks");
        assertEquals(List.of(), problems(guide, InjectionGuideTest::read));
    }

    @Test
    void aBlockThatDiffersFromItsSourceIsReported() {
        Map<String, String> files = Map.of("src/test/java/A.java",
                "class A {\n    int x = 1;\n}\n");
        String guide = "From [`A.java`](src/test/java/A.java):\n\n```java\n    int x = 2;\n```\n";
        List<String> problems = problems(guide, p -> Optional.ofNullable(files.get(p)));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("not a part of src/test/java/A.java"), problems.get(0));

        String matching = guide.replace("x = 2", "x = 1");
        assertEquals(List.of(), problems(matching, p -> Optional.ofNullable(files.get(p))));
    }

    @Test
    void aPartialLineIsNotAMatch() {
        Map<String, String> files = Map.of("src/test/java/A.java", "    int x = 1;\n");
        String guide = "[`A.java`](src/test/java/A.java)\n```java\nint x = 1;\n```\n";
        assertEquals(1, problems(guide, p -> Optional.ofNullable(files.get(p))).size());
    }

    @Test
    void aBlockWithoutASourceAndALinkToNothingAreReported() {
        String guide = "Some prose.\n\n```java\nint x;\n```\n\n[`Gone.java`](src/test/java/Gone.java)\n";
        List<String> problems = problems(guide, p -> Optional.empty());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Gone.java"), problems.get(0));
        assertTrue(problems.get(1).contains("names no source file"), problems.get(1));
    }
}

package io.github.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check every guide's test runs: each Java block of a guide is, line for line, a part of the
 * compiled file that the line above it links to, so a guide that no longer matches its examples
 * fails the build. A link is relative to the page, as Markdown reads it: {@code src/test/java/...}
 * from {@code docs/}, {@code docs/src/main/java/...} from the repository's README. Stateless.
 */
public final class GuideSnippets {

    /**
     * A link to a Java source relative to the page, as the guides write it:
     * [`Name.java`](src/test/java/...), (src/main/java/...), (../impl/...); never a web address.
     */
    private static final Pattern SOURCE_LINK =
            Pattern.compile("\\]\\(((?![a-z]+:)[^)\\s#]+\\.java)\\)");
    /** A source that a module compiles: under its src/main/java or src/test/java. */
    private static final Pattern COMPILED = Pattern.compile("(.*/)?src/(main|test)/java/.+");
    private static final String OPEN = "```java";
    private static final String CLOSE = "```";

    private GuideSnippets() {
    }

    /**
     * Asserts that the guide at {@code guide} (relative to the docs module, where Surefire runs)
     * has at least {@code minBlocks} Java blocks and that none of them has a problem.
     */
    public static void assertMatchesItsSources(String guide, int minBlocks) throws IOException {
        Path page = Path.of(guide);
        String text = Files.readString(page, StandardCharsets.UTF_8).replace("\r\n", "\n");
        long blocks = text.lines().filter(OPEN::equals).count();
        assertTrue(blocks >= minBlocks, guide + " has only " + blocks + " Java blocks");
        assertEquals(List.of(), problems(text, sourcesNextTo(page)), guide);
    }

    /**
     * Reads a link of the page at {@code page} the way Markdown resolves it, relative to the
     * page's directory; empty when no such file exists.
     */
    public static Function<String, Optional<String>> sourcesNextTo(Path page) {
        Path dir = page.toAbsolutePath().getParent();
        return link -> read(dir.resolve(link).normalize());
    }

    /**
     * What is wrong with {@code guide}: each Java block must follow, after blank lines only, a
     * line that links to a source file, and consist of whole lines of that file; every linked
     * source must exist. {@code files} reads a link's target (relative to the page), empty when
     * absent.
     */
    public static List<String> problems(String guide, Function<String, Optional<String>> files) {
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
                if (looksLikeJava(lines[i])) {
                    problems.add("line " + (i + 1) + " opens a Java block the check cannot see: "
                            + "write the fence as ```java, alone and unindented, under a link to "
                            + "its source");
                }
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
            if (block.toString().isBlank()) {
                problems.add("the Java block at line " + opened + " is empty");
                continue;
            }
            String source = sourceAbove(lines, opened - 1);
            if (source == null) {
                problems.add("the Java block at line " + opened + " names no source file on the "
                        + "line above it");
                continue;
            }
            if (!COMPILED.matcher(source).matches()) {
                problems.add("the Java block at line " + opened + " names " + source
                        + ", which is not under a src/main/java or src/test/java that Maven "
                        + "compiles");
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

    /**
     * A fence that opens Java other than the exact {@code ```java}: indented, with attributes,
     * upper case, or with tildes. Such a block would escape the check, so it is refused.
     */
    private static boolean looksLikeJava(String line) {
        String t = line.strip();
        if (!(t.startsWith("```") || t.startsWith("~~~"))) {
            return false;
        }
        String info = t.replaceFirst("^(`{3,}|~{3,})\\s*", "").toLowerCase(Locale.ROOT);
        return info.split("[\\s,{]", 2)[0].equals("java") || info.startsWith("{.java");
    }

    private static Optional<String> read(Path path) {
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
}

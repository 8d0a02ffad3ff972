package io.github.switchboard.docs.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.switchboard.docs.GuideSnippets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual's index and links: docs/README.md lists every page of docs/, marks a page "coming"
 * only while it does not exist, and every relative link of every page (and of the repository's
 * README) leads to a file that exists and, with an anchor, to a heading of it.
 */
class ManualIndexTest {

    /** A Markdown link or image target, without a title. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern COMING = Pattern.compile("\\(coming: `([^`]+)`\\)");
    private static final Path DOCS = Path.of(".");

    @Test
    void theIndexListsEveryPage() throws IOException {
        String index = read(DOCS.resolve("README.md"));
        Set<String> linked = new TreeSet<>();
        Matcher m = LINK.matcher(index);
        while (m.find()) {
            linked.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(pages());
        missing.remove("README.md");
        missing.removeAll(linked);
        assertEquals(Set.of(), missing, "pages of docs/ that docs/README.md does not link");
    }

    @Test
    void aPageIsComingOnlyWhileItDoesNotExist() throws IOException {
        Matcher m = COMING.matcher(read(DOCS.resolve("README.md")));
        List<String> written = new ArrayList<>();
        while (m.find()) {
            if (Files.exists(DOCS.resolve(m.group(1)))) {
                written.add(m.group(1));
            }
        }
        assertEquals(List.of(), written, "pages marked coming in docs/README.md that exist now: "
                + "link them instead");
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String page : pages()) {
            problems.addAll(brokenLinks(DOCS.resolve(page)));
        }
        problems.addAll(brokenLinks(Path.of("..", "README.md")));
        assertEquals(List.of(), problems);
    }

    @Test
    void theLinkCheckFindsAMissingFileAndAMissingHeading(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "# A\n\n## Some `code` (here)\n\n"
                + "[ok](#some-code-here) [gone](b.md) [bad](#nothing) [web](https://x.org/y)\n");
        List<String> problems = brokenLinks(dir.resolve("a.md"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("b.md"), problems.get(0));
        assertTrue(problems.get(1).contains("#nothing"), problems.get(1));
    }

    @Test
    void everyJavaBlockOfTheSecurityChecklistIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources("security-checklist.md", 3);
    }

    /** The Markdown pages of docs/, by file name. */
    private static Set<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The relative links of {@code page} whose file or heading does not exist. */
    static List<String> brokenLinks(Path page) throws IOException {
        List<String> problems = new ArrayList<>();
        String text = withoutCodeBlocks(read(page));
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("^[a-z]+:.*")) {
                continue; // https:, mailto:
            }
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
            if (!Files.exists(resolved)) {
                problems.add(page + " links to " + target + ": no such file");
                continue;
            }
            if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                problems.add(page + " links to " + target + ": no such heading");
            }
        }
        return problems;
    }

    /** GitHub's anchors for the headings of a Markdown file. */
    private static Set<String> anchors(Path file) {
        Set<String> anchors = new TreeSet<>();
        if (!file.toString().endsWith(".md")) {
            return anchors;
        }
        for (String line : withoutCodeBlocks(read(file)).split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String text) {
        return text.replaceAll("(?ms)^```.*?^```", "");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

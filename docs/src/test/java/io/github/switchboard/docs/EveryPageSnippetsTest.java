package io.github.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of every page of docs/ and of the repository's README is a part of a compiled
 * file it links to ({@link GuideSnippets}), so a page added tomorrow cannot show code that no
 * build checks. The guides' own tests go further and run those files.
 */
class EveryPageSnippetsTest {

    // Surefire runs in the docs module: docs/*.md are here, the README one level up.
    private static final Path DOCS = Path.of(".");
    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyJavaBlockOfEveryPageIsPartOfACompiledFile() throws IOException {
        List<Path> pages = pages(DOCS);
        pages.add(README);
        assertTrue(pages.size() > 10 && Files.isRegularFile(README),
                "the walk found only " + pages + ": is the working directory the docs module?");
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (Path page : pages) {
            String text = Files.readString(page, StandardCharsets.UTF_8).replace("\r\n", "\n");
            blocks += (int) text.lines().filter("```java"::equals).count();
            GuideSnippets.problems(text, GuideSnippets.sourcesNextTo(page))
                    .forEach(p -> problems.add(page.normalize() + ": " + p));
        }
        assertEquals(List.of(), problems);
        assertTrue(blocks >= 60, "only " + blocks + " Java blocks found in " + pages);
    }

    @Test
    void theReadmeShowsCompiledCode() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n"), "the README's sample is gone");
        assertEquals(List.of(),
                GuideSnippets.problems(readme, GuideSnippets.sourcesNextTo(README)));
    }

    @Test
    void aNewPageWithAnUntiedOrDisguisedBlockFails(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src/main/java/A.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "class A {\n    int x = 1;\n}\n");
        Files.writeString(dir.resolve("notes.java"), "int x = 1;\n");
        Path page = dir.resolve("new-page.md");
        Files.writeString(page, String.join("\n",
                "From [`A.java`](src/main/java/A.java):", "", "```java", "    int x = 1;", "```",
                "", "Untied:", "", "```java", "    int x = 1;", "```",
                "", "Disguised:", "", "```Java", "int y;", "```",
                "  ```java", "int z;", "  ```",
                "~~~ java", "int w;", "~~~",
                "", "Not compiled: [notes](notes.java)", "```java", "int x = 1;", "```",
                "", "[`A.java`](src/main/java/A.java)", "```java", "```", ""));
        List<String> problems = GuideSnippets.problems(Files.readString(page),
                GuideSnippets.sourcesNextTo(page));
        assertEquals(6, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).contains("line 9 names no source file"), problems.get(0));
        assertTrue(problems.get(1).startsWith("line 15 opens a Java block"), problems.get(1));
        assertTrue(problems.get(2).startsWith("line 18 opens a Java block"), problems.get(2));
        assertTrue(problems.get(3).startsWith("line 21 opens a Java block"), problems.get(3));
        assertTrue(problems.get(4).contains("line 26 names notes.java, which is not under"),
                problems.get(4));
        assertTrue(problems.get(5).contains("line 31 is empty"), problems.get(5));
    }

    private static List<Path> pages(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).sorted()
                    .toList());
        }
    }
}

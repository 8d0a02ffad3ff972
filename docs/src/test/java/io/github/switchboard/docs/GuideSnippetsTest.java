package io.github.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snippet check itself: it must report what drifted, and only that. */
class GuideSnippetsTest {

    @Test
    void aBlockThatDiffersFromItsSourceIsReported() {
        Map<String, String> files = Map.of("src/test/java/A.java",
                "class A {\n    int x = 1;\n}\n");
        String guide = "From [`A.java`](src/test/java/A.java):\n\n```java\n    int x = 2;\n```\n";
        List<String> problems = GuideSnippets.problems(guide,
                p -> Optional.ofNullable(files.get(p)));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("not a part of src/test/java/A.java"), problems.get(0));

        String matching = guide.replace("x = 2", "x = 1");
        assertEquals(List.of(), GuideSnippets.problems(matching,
                p -> Optional.ofNullable(files.get(p))));
    }

    @Test
    void aPartialLineIsNotAMatch() {
        Map<String, String> files = Map.of("src/test/java/A.java", "    int x = 1;\n");
        String guide = "[`A.java`](src/test/java/A.java)\n```java\nint x = 1;\n```\n";
        assertEquals(1, GuideSnippets.problems(guide,
                p -> Optional.ofNullable(files.get(p))).size());
    }

    @Test
    void aBlockWithoutASourceAndALinkToNothingAreReported() {
        String guide = "Some prose.\n\n```java\nint x;\n```\n\n[`Gone.java`](src/test/java/Gone.java)\n";
        List<String> problems = GuideSnippets.problems(guide, p -> Optional.empty());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Gone.java"), problems.get(0));
        assertTrue(problems.get(1).contains("names no source file"), problems.get(1));
    }

    @Test
    void aBlockNeverClosedIsReported() {
        String guide = "[`A.java`](src/test/java/A.java)\n```java\nint x = 1;\n";
        List<String> problems = GuideSnippets.problems(guide, p -> Optional.of("int x = 1;\n"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("never closed"), problems.get(0));
    }
}

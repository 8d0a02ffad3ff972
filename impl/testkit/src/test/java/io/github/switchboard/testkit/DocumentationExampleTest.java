package io.github.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example in docs/testing.md is the compiled and tested EchoEndpointTest, word for word. */
class DocumentationExampleTest {

    // Surefire runs in the module's directory, impl/testkit.
    private static final Path GUIDE = Path.of("../../docs/testing.md");
    private static final Path EXAMPLE = Path.of(
            "src/test/java/io/github/switchboard/testkit/example/EchoEndpointTest.java");

    @Test
    void theGuidesExampleIsEchoEndpointTestWithoutItsPackageLine() throws IOException {
        String guide = read(GUIDE);
        int mention = guide.indexOf("EchoEndpointTest.java");
        assertTrue(mention >= 0, "the guide no longer names the file it mirrors");
        int start = guide.indexOf("```java\n", mention);
        assertTrue(start >= 0, "no java block after the mention");
        start += "```java\n".length();
        String block = guide.substring(start, guide.indexOf("```", start));

        String source = read(EXAMPLE);
        String withoutPackage = source.substring(source.indexOf(";\n\n") + 3);
        assertEquals(withoutPackage, block, "docs/testing.md and EchoEndpointTest.java differ");
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}

package io.github.switchboard.docs.topics;

import io.github.switchboard.docs.GuideSnippets;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of docs/topics.md is, line for line, a part of the compiled file that the
 * line above it links to ({@link GuideSnippets}), so the guide cannot drift from its examples.
 */
class TopicsGuideTest {

    @Test
    void everyJavaBlockOfTheGuideIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources("topics.md", 15);
    }
}

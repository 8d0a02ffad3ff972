package io.github.switchboard.docs.injection;

import io.github.switchboard.docs.GuideSnippets;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of docs/injection-and-scopes.md is, line for line, a part of the compiled
 * file that the line above it links to, so a guide that no longer matches its examples fails the
 * build ({@link GuideSnippets}; its own tests are in {@code GuideSnippetsTest}).
 */
class InjectionGuideTest {

    @Test
    void everyJavaBlockOfTheGuideIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources("injection-and-scopes.md", 10);
    }
}

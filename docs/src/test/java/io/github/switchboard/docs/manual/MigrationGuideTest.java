package io.github.switchboard.docs.manual;

import io.github.switchboard.docs.GuideSnippets;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The Java blocks of the manual's migration and Bun pages are parts of the files they name. */
class MigrationGuideTest {

    @Test
    void everyJavaBlockOfTheJsr356PageIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources("migrating-from-jsr356.md", 7);
    }

    @Test
    void everyJavaBlockOfTheBunPageIsPartOfTheFileItNames() throws IOException {
        GuideSnippets.assertMatchesItsSources("coming-from-bun.md", 4);
    }
}

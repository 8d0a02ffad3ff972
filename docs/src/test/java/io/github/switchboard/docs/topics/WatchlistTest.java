package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** Client-chosen topics: checked names, and maxSubscriptions crossed. */
@SwitchboardTest(endpoints = Watchlist.class)
class WatchlistTest {

    private static String ask(TestClient client, String line) {
        client.send(line);
        return client.awaitText();
    }

    @Test
    void theTwentyFirstSymbolIsRefused(TestServer server) {
        try (TestClient ada = server.client("/quotes").connect()) {
            for (int i = 0; i < 20; i++) {
                String symbol = "S" + (char) ('A' + i);
                assertEquals("watching " + symbol, ask(ada, "watch " + symbol));
            }
            assertEquals("already watching SA", ask(ada, "watch SA"));
            assertEquals("you watch 20 symbols, the most", ask(ada, "watch ZZ"));
            assertEquals("stopped watching SA", ask(ada, "unwatch SA"));
            assertEquals("watching ZZ", ask(ada, "watch ZZ"));
            assertEquals("not watching SA", ask(ada, "unwatch SA"));
        }
    }

    @Test
    void aNameThatCannotBeASymbolNeverBecomesATopic(TestServer server) {
        try (TestClient ada = server.client("/quotes").connect()) {
            assertEquals("expected: watch SYMBOL or unwatch SYMBOL",
                    ask(ada, "watch " + "A".repeat(300)));
            assertEquals("expected: watch SYMBOL or unwatch SYMBOL", ask(ada, "watch"));
            assertEquals("expected: watch SYMBOL or unwatch SYMBOL", ask(ada, "follow ACME"));
            assertEquals("watching ACME", ask(ada, "watch ACME"));   // still open and well
        }
    }

    @Test
    void quotesReachTheirWatchersOnly(TestServer server) {
        Topics topics = server.embedded().container().select(Topics.class).get();
        try (TestClient ada = server.client("/quotes").connect();
                TestClient bob = server.client("/quotes").connect()) {
            assertEquals("watching ACME", ask(ada, "watch ACME"));
            assertEquals("watching INITECH", ask(bob, "watch INITECH"));
            assertEquals(1, topics.publish(Watchlist.topic("ACME"), "ACME 12.50").recipients());
            assertEquals(1, topics.publish(Watchlist.topic("INITECH"), "INITECH 3.10")
                    .recipients());
            assertReceivedExactly(ada, "ACME 12.50");
            assertReceivedExactly(bob, "INITECH 3.10");
            // Each answer comes after both publishes: nothing else arrived before it.
            assertEquals("watching HOOLI", ask(ada, "watch HOOLI"));
            assertEquals("watching HOOLI", ask(bob, "watch HOOLI"));
        }
    }
}

package io.github.switchboard.docs.topics;

import static io.github.switchboard.testkit.SwitchboardAssertions.assertClosedWith;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertReceivedExactly;
import static io.github.switchboard.testkit.SwitchboardAssertions.assertRejectedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.Topics;
import io.github.switchboard.testkit.SwitchboardTest;
import io.github.switchboard.testkit.TestClient;
import io.github.switchboard.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** The chat room of the guide's first section, with two and three members. */
@SwitchboardTest(endpoints = ChatRoom.class)
class ChatRoomTest {

    private static Topics topics(TestServer server) {
        return server.embedded().container().select(Topics.class).get();
    }

    @Test
    void membersHearEachOtherButNeverThemselves(TestServer server) {
        try (TestClient ada = server.client("/chat/lounge?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");   // ada is subscribed now
            try (TestClient bob = server.client("/chat/lounge?name=bob").connect()) {
                assertReceivedExactly(bob, "welcome, bob; 2 here");
                assertReceivedExactly(ada, "bob joined; 2 here");
                ada.send("hi");
                assertReceivedExactly(bob, "ada: hi");
                bob.send("hello");
                // Had ada received her own "ada: hi", it would have come before this.
                assertReceivedExactly(ada, "bob: hello");
                bob.send("and bye");
                assertReceivedExactly(ada, "bob: and bye");
            }
            // bob's close callback: its subscription was already gone, the publish reached ada.
            assertReceivedExactly(ada, "bob left; 1 here");
            assertEquals(1, topics(server).subscriberCount(ChatRoom.topic("lounge")));
        }
    }

    @Test
    void aMemberThatVanishesWithoutACloseFrameIsAnnouncedToo(TestServer server) throws Exception {
        try (TestClient ada = server.client("/chat/cafe?name=ada").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            PausedReader pat = new PausedReader(server.port(), "/chat/cafe?name=pat");
            assertEquals("welcome, pat; 2 here", pat.read().text());
            assertReceivedExactly(ada, "pat joined; 2 here");
            pat.reset();
            assertReceivedExactly(ada, "pat left; 1 here");   // in @OnClose, already unsubscribed
        }
    }

    @Test
    void roomsAreSeparateTopics(TestServer server) {
        try (TestClient ada = server.client("/chat/a?name=ada").connect();
                TestClient cy = server.client("/chat/b?name=cy").connect()) {
            assertReceivedExactly(ada, "welcome, ada; 1 here");
            assertReceivedExactly(cy, "welcome, cy; 1 here");
            // Connect the next member only now: the 101 may reach a client before its @OnOpen
            // has run, and the order of joins would then be a race.
            try (TestClient dan = server.client("/chat/b?name=dan").connect()) {
                assertReceivedExactly(dan, "welcome, dan; 2 here");
                assertReceivedExactly(cy, "dan joined; 2 here");
                ada.send("anyone?");
                dan.send("in b");
                assertReceivedExactly(cy, "dan: in b");   // nothing from room a came before it
                cy.close();
                assertReceivedExactly(dan, "cy left; 1 here");
                topics(server).publish(ChatRoom.topic("a"), "server to a");
                assertReceivedExactly(ada, "server to a");   // nothing from room b came before it
                assertEquals(1, topics(server).subscriberCount(ChatRoom.topic("a")));
                assertEquals(1, topics(server).subscriberCount(ChatRoom.topic("b")));
            }
        }
    }

    @Test
    void aRoomNameTooLongForATopicIsClosedWith1008(TestServer server) {
        String room = "r".repeat(Topics.MAX_TOPIC_LENGTH);   // plus "room:" is too long
        try (TestClient eve = server.client("/chat/" + room + "?name=eve").connect()) {
            assertClosedWith(eve, 1008, "room name too long");
        }
    }

    @Test
    void aMemberWithoutANameIsRefused(TestServer server) {
        assertRejectedWith(server.client("/chat/lounge"), 400);
    }
}

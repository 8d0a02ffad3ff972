package io.github.switchboard.docs.injection;

/** What {@link DeskEndpoint} does with a message; decorated by {@link PoliteReplier}. */
public interface Replier {

    String reply(String question);
}

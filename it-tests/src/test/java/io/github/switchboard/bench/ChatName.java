package io.github.switchboard.bench;

import io.github.switchboard.ConnectionData;

/** What {@link ChatNameGuard} attaches to each benchmark connection: the client's name. */
@ConnectionData
public record ChatName(String name) {
}

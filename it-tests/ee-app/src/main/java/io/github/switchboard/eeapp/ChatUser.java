package io.github.switchboard.eeapp;

import io.github.switchboard.ConnectionData;

/** What {@link TokenGuard} attaches to an accepted connection. */
@ConnectionData
public record ChatUser(String name) {
}

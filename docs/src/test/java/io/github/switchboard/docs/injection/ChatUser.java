package io.github.switchboard.docs.injection;

import io.github.switchboard.ConnectionData;

/** Who is connected: attached by {@link LoginGuard}, injected by its type. */
@ConnectionData
public record ChatUser(String name) {
}

package io.github.switchboard.docs.manual.migration;

import io.github.switchboard.ConnectionData;

/** Who is connected: what {@link NameGuard} attaches, injectable by its type. */
@ConnectionData
public record Member(String name) {
}

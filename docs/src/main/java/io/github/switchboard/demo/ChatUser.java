package io.github.switchboard.demo;

import java.time.Instant;

/** What the guard attaches to each chat connection: Bun's {@code ws.data}, typed. */
public record ChatUser(String name, Instant joinedAt) {
}

package io.github.switchboard.demo;

import io.github.switchboard.ConnectionData;
import java.time.Instant;

/**
 * What the guard attaches to each chat connection: Bun's {@code ws.data}, typed, and injectable
 * by its type into the endpoint.
 */
@ConnectionData
public record ChatUser(String name, Instant joinedAt) {
}

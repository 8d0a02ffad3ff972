package io.github.switchboard.docs.injection;

import io.github.switchboard.ConnectionData;

/** Guard data that no guard of the examples attaches: injected as {@code Optional<Badge>}. */
@ConnectionData
public record Badge(String number) {
}

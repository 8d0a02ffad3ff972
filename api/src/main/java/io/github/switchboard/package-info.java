/**
 * The Switchboard API: an immutable {@link io.github.switchboard.Handshake} captured once per
 * WebSocket upgrade, typed application data ({@link io.github.switchboard.Key},
 * {@link io.github.switchboard.Attachments}) and {@link io.github.switchboard.HandshakeGuard}s
 * that accept or reject an upgrade before any endpoint exists.
 *
 * <p><b>Null-ness:</b> in this package no parameter accepts {@code null} and no method returns
 * {@code null}; an absent value is an empty {@link java.util.Optional} or an empty collection.
 * Every collection returned is unmodifiable.
 */
package io.github.switchboard;

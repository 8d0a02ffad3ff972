/**
 * The outbound path of a connection: a bounded, byte-counted buffer in front of the transport
 * that writes everything queued in one write, one write at a time. Not API.
 */
package io.github.switchboard.internal.outbound;

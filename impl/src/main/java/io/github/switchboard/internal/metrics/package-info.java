/**
 * Switchboard's meters: a no-op recorder, and the Micrometer one that is loaded only when
 * Micrometer is on the class path (issue 11 §3).
 */
package io.github.switchboard.internal.metrics;

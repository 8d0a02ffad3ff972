/**
 * The performance harness (issue 6): servers in their own JVMs, clients here; run only by the
 * {@code bench} Maven profile, never by the unit or integration tests.
 */
package io.github.switchboard.bench;

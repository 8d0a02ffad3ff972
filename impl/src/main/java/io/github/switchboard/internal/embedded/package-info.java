/**
 * The embedded server: Weld SE plus Tyrus on a Grizzly listener that Switchboard builds itself,
 * with the gate filter in front of Tyrus that validates upgrades, captures requests exactly,
 * cleans refusals and checks client frames. Loaded only when an application starts an
 * {@code EmbeddedServer}. Not exported.
 */
package io.github.switchboard.internal.embedded;

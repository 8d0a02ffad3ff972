/**
 * The CDI integration: connections, the connection scope, producers, the callback interceptor,
 * lifecycle events and the portable extension that validates all of it at boot. Not API.
 */
package io.github.switchboard.internal.cdi;

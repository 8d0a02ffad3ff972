/**
 * Test support for Switchboard endpoints: {@link io.github.switchboard.testkit.SwitchboardTest}
 * starts an embedded server per test class on an ephemeral loopback port, a
 * {@link io.github.switchboard.testkit.TestClient} connects to it with headers and cookies and
 * awaits messages and close codes within a timeout, and
 * {@link io.github.switchboard.testkit.SwitchboardAssertions} checks what arrived.
 *
 * <p><b>Null-ness:</b> in this package no parameter accepts {@code null} and no method returns
 * {@code null}. <b>Timeouts:</b> every method that waits is bounded by its client's timeout
 * (default 10 seconds) and fails with an {@link org.opentest4j.AssertionFailedError} when it
 * expires; none sleeps.
 */
package io.github.switchboard.testkit;

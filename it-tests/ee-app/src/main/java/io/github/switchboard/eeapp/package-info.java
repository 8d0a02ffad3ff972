/**
 * A Switchboard application written once and deployed as a WAR to Jakarta EE servers by the EE
 * tests: a guarded chat endpoint, a {@code @ConnectionScoped} bean, topics and a Jakarta REST
 * resource that publishes. Its classes are never on the tests' class path.
 */
package io.github.switchboard.eeapp;

/**
 * Beans that must not deploy, one per boot-time check: {@code BootValidationTest} starts a
 * server with each and expects the check's id.
 */
package io.github.switchboard.docs.injection.invalid;

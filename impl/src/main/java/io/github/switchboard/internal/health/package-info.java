/** MicroProfile Health checks, registered only when the MicroProfile Health API is present. */
package io.github.switchboard.internal.health;

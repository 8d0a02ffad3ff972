/**
 * The examples of the manual's reference pages (options and limits, troubleshooting, migrating
 * from JSR 356, coming from Bun) and the tests that keep those pages true to the code.
 */
package io.github.switchboard.docs.manual;

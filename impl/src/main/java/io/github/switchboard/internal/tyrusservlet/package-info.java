/**
 * Tyrus inside a Servlet container (GlassFish, Payara): a filter and an upgrade handler that let
 * each endpoint instance be created for its connection. Loaded only where Tyrus's Servlet
 * integration is present. Not exported.
 */
package io.github.switchboard.internal.tyrusservlet;

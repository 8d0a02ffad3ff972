/**
 * The Servlet guard filter for containers whose WebSocket implementation is not Tyrus; loaded
 * only by a Servlet container. Not API.
 */
package io.github.switchboard.internal.servlet;

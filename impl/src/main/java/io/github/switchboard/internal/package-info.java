/**
 * Switchboard's container-neutral mechanism: the handshake snapshot and its parsers, the origin
 * policy, the guard runner and what the configurator does with them. Not exported; may change
 * without notice. Null-ness: parameters are non-null unless a record component says "or null".
 */
package io.github.switchboard.internal;

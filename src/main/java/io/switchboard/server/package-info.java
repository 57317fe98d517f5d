/**
 * The proxy listener: accepts callers' requests, refuses the unsafe ones, routes each to its connector's pipeline and
 * relays the outcome back. Depends on {@code runtime} and {@code pipeline}.
 */
@NullMarked
package io.switchboard.server;

import org.jspecify.annotations.NullMarked;

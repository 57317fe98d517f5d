/**
 * The circuit breaker policy: stops calling a failing provider for a while, on Resilience4j's state machine. Depends
 * only on {@code pipeline} and {@code config}, never on another policy.
 */
@NullMarked
package io.switchboard.policy.circuitbreaker;

import org.jspecify.annotations.NullMarked;

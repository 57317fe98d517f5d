/**
 * The concurrency policy: at most a configured number of calls in flight per connector, {@code overloaded} 503 beyond.
 * Depends only on {@code pipeline} and {@code config}, never on another policy.
 */
@NullMarked
package io.switchboard.policy.concurrency;

import org.jspecify.annotations.NullMarked;

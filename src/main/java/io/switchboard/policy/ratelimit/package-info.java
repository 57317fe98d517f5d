/**
 * The rate limit policy: a token bucket per connector that answers {@code rate-limited} 429 when empty. Depends only on
 * {@code pipeline} and {@code config}, never on another policy.
 */
@NullMarked
package io.switchboard.policy.ratelimit;

import org.jspecify.annotations.NullMarked;

/**
 * The retry policy: tries a failed attempt again when that is safe, with exponential backoff, full jitter and a retry
 * budget so retries never multiply an outage. Depends only on {@code pipeline} and {@code config}, never on another
 * policy.
 */
@NullMarked
package io.switchboard.policy.retry;

import org.jspecify.annotations.NullMarked;

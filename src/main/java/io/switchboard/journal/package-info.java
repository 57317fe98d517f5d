/**
 * The journal: every exchange captured (bodies up to a limit, masked), written asynchronously in batches and read back
 * by the admin API. Depends on {@code pipeline}, {@code config} and {@code store}; the proxy never waits on it.
 */
@NullMarked
package io.switchboard.journal;

import org.jspecify.annotations.NullMarked;

/**
 * The composition root: assembles a running gateway (event loops, runtime, proxy and admin listeners, config watcher)
 * and takes it down gracefully. Only {@code cli} and tests depend on it.
 */
@NullMarked
package io.switchboard.boot;

import org.jspecify.annotations.NullMarked;

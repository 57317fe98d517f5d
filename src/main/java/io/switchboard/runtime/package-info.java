/**
 * The running gateway: turns a config into connectors' pipelines (the only place that knows the order of policies),
 * holds the live snapshot that requests read, swaps it atomically on reload, and counts what happens. May depend on
 * every package below {@code server}, {@code admin} and {@code cli}.
 */
@NullMarked
package io.switchboard.runtime;

import org.jspecify.annotations.NullMarked;

/**
 * Checks and resource probes: the scheduler that sends each connector's configured requests through its probe
 * pipeline, judges the answers (expectations, extracted numbers against thresholds), keeps the latest results for the
 * lamps and the admin API, and hands results and events on to be stored. Depends on {@code pipeline}, {@code config},
 * {@code store} and {@code health} only; {@code boot} plugs it into the runtime.
 */
@NullMarked
package io.switchboard.probe;

import org.jspecify.annotations.NullMarked;

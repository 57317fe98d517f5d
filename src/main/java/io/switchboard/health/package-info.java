/**
 * Lamps: a connector's colour and the reasons for it, the worst of its signals (switch, schedule, breaker, checks,
 * resources, objectives), and the passive traffic windows the objectives are judged on. Depends on {@code pipeline} and {@code config} only; the signals that read live state are
 * plugged in by {@code runtime}.
 */
@NullMarked
package io.switchboard.health;

import org.jspecify.annotations.NullMarked;

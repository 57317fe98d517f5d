/**
 * The schedule policy: a connector's opening hours in its provider's time zone, {@code closed} 503 outside them, and
 * the pure engine that answers whether a schedule is open at an instant and when it next changes. Depends only on
 * {@code pipeline} and {@code config}, never on another policy.
 */
@NullMarked
package io.switchboard.policy.schedule;

import org.jspecify.annotations.NullMarked;

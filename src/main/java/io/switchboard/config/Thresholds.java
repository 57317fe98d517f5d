package io.switchboard.config;

import org.jspecify.annotations.Nullable;

/**
 * The levels a resource's value is judged by, written beside its {@code value:} or {@code regex:}. A value strictly
 * below a {@code -below} threshold or strictly above an {@code -above} one is at that level; critical wins over warn.
 *
 * <pre>
 * warn-below: 10
 * critical-below: 1
 * </pre>
 *
 * @param warnBelow values under it are at the warn level (yellow lamp); none by default
 * @param criticalBelow values under it are critical (red lamp); at most {@code warnBelow}; none by default
 * @param warnAbove values over it are at the warn level; at least every {@code -below} threshold; none by default
 * @param criticalAbove values over it are critical; at least {@code warnAbove}; none by default
 */
public record Thresholds(
        @Nullable Double warnBelow,
        @Nullable Double criticalBelow,
        @Nullable Double warnAbove,
        @Nullable Double criticalAbove) {
    /** No thresholds: every value is ok. */
    public static final Thresholds NONE = new Thresholds(null, null, null, null);
}

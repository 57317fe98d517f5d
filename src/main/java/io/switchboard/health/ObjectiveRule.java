package io.switchboard.health;

import io.switchboard.config.DurationFormat;
import io.switchboard.config.ObjectivesConfig;
import io.switchboard.config.Percentage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule that turns a connector's traffic and its objectives into lamp reasons.
 *
 * <ul>
 *   <li>Nothing is judged until the window holds {@code min-requests} calls (default 20): one failure on a quiet
 *       connector is no trend.
 *   <li>Error rate: over the objective is yellow; over twice the objective, or over 50%, whichever is lower, is red
 *       (an objective of 50% or more goes straight to red when missed).
 *   <li>p95 latency: over the objective is yellow; over twice the objective is red.
 * </ul>
 *
 * "Over" is strictly above: a connector exactly on its objective keeps it.
 */
public final class ObjectiveRule {
    /** The error rate that is red whatever the objective says. */
    private static final double RED_ERROR_RATE = 0.5;

    private ObjectiveRule() {}

    /** Returns the reasons {@code stats} gives against {@code objectives}, worst first; empty when all are kept. */
    public static List<LampReason> reasons(ObjectivesConfig objectives, TrafficStats stats) {
        if (stats.calls() < objectives.minRequests()) {
            return List.of();
        }
        List<LampReason> reasons = new ArrayList<>(2);
        String window = DurationFormat.format(stats.window());
        Percentage errorObjective = objectives.errorRate();
        if (errorObjective != null) {
            double rate = stats.errorRate();
            double objective = errorObjective.fraction();
            if (rate > objective) {
                double red = Math.max(objective, Math.min(2 * objective, RED_ERROR_RATE));
                reasons.add(new LampReason(
                        rate > red ? Lamp.RED : Lamp.YELLOW,
                        "objective",
                        "error rate " + percent(rate) + " over the last " + window + " (objective "
                                + percent(objective) + "; " + stats.failed() + " of " + stats.calls()
                                + " calls failed)"));
            }
        }
        Duration latencyObjective = objectives.p95();
        Duration p95 = stats.p95();
        if (latencyObjective != null && p95 != null && p95.compareTo(latencyObjective) > 0) {
            reasons.add(new LampReason(
                    p95.compareTo(latencyObjective.multipliedBy(2)) > 0 ? Lamp.RED : Lamp.YELLOW,
                    "objective",
                    "p95 latency " + latency(p95) + " over the last " + window + " (objective "
                            + DurationFormat.format(latencyObjective) + ")"));
        }
        reasons.sort(LampEvaluator.WORST_FIRST);
        return reasons;
    }

    /** Returns a share as {@code 62%}, or {@code 6.2%} and {@code 0.4%} below 10%. */
    static String percent(double fraction) {
        double percent = fraction * 100;
        if (percent >= 10 || percent == Math.rint(percent)) {
            return Math.round(percent) + "%";
        }
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** Returns a latency as {@code 850ms} below a second, else {@code 3.1s}. */
    static String latency(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}

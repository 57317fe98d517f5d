package io.switchboard.probe;

import io.switchboard.config.Thresholds;
import io.switchboard.store.ResourceLevel;

/**
 * A resource's value judged by its thresholds: below {@code critical-below} or above {@code critical-above} is
 * critical, else below {@code warn-below} or above {@code warn-above} is warn, else ok. Thresholds are strict: a value
 * equal to {@code warn-below} is ok.
 *
 * @param level where the value stands
 * @param threshold the threshold it crossed, as written for people ({@code warn below 100}); empty when ok
 */
record ResourceJudgement(ResourceLevel level, String threshold) {

    /** Returns the judgement of {@code value} by {@code thresholds}. */
    static ResourceJudgement of(Thresholds thresholds, double value) {
        Double criticalBelow = thresholds.criticalBelow();
        if (criticalBelow != null && value < criticalBelow) {
            return new ResourceJudgement(ResourceLevel.CRITICAL, "critical below " + ProbeText.number(criticalBelow));
        }
        Double criticalAbove = thresholds.criticalAbove();
        if (criticalAbove != null && value > criticalAbove) {
            return new ResourceJudgement(ResourceLevel.CRITICAL, "critical above " + ProbeText.number(criticalAbove));
        }
        Double warnBelow = thresholds.warnBelow();
        if (warnBelow != null && value < warnBelow) {
            return new ResourceJudgement(ResourceLevel.WARN, "warn below " + ProbeText.number(warnBelow));
        }
        Double warnAbove = thresholds.warnAbove();
        if (warnAbove != null && value > warnAbove) {
            return new ResourceJudgement(ResourceLevel.WARN, "warn above " + ProbeText.number(warnAbove));
        }
        return new ResourceJudgement(ResourceLevel.OK, "");
    }

    /** Returns the reading's note: {@code 12 (warn below 100)}, or just {@code 150} when ok. */
    String describe(double value) {
        return threshold.isEmpty() ? ProbeText.number(value) : ProbeText.number(value) + " (" + threshold + ")";
    }
}

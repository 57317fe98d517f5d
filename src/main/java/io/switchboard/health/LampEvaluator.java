package io.switchboard.health;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out a connector's lamp: asks every signal for its reasons and takes the worst. A signal that throws does not
 * stop the others; it adds a yellow reason saying so, since a lamp that cannot be read fully is not a green one.
 */
public final class LampEvaluator {
    /** Orders reasons from red down to green; the sort is stable, so equal colours keep their signals' order. */
    public static final Comparator<LampReason> WORST_FIRST =
            Comparator.comparing(LampReason::lamp).reversed();

    private static final Logger LOG = LoggerFactory.getLogger(LampEvaluator.class);

    private final List<Signal> signals;

    private LampEvaluator(List<Signal> signals) {
        this.signals = List.copyOf(signals);
    }

    /** Returns an evaluator over these signals, asked in this order. */
    public static LampEvaluator of(List<Signal> signals) {
        return new LampEvaluator(requireNonNull(signals, "signals"));
    }

    /** Returns the connector's lamp at {@code now}: the worst reason of any signal, green with none. */
    public LampStatus evaluate(String connector, Instant now) {
        List<LampReason> reasons = new ArrayList<>(2);
        for (Signal signal : signals) {
            List<LampReason> found;
            try {
                found = signal.reasons(connector, now);
            } catch (RuntimeException e) {
                LOG.debug("lamp signal {} failed for connector '{}'", signal, connector, e);
                found = List.of(new LampReason(
                        Lamp.YELLOW,
                        "lamp",
                        "a lamp signal failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            for (LampReason reason : found) {
                // A green reason is no reason against the connector; green means "nothing to say".
                if (reason.lamp() != Lamp.GREEN) {
                    reasons.add(reason);
                }
            }
        }
        if (reasons.isEmpty()) {
            return LampStatus.GREEN;
        }
        reasons.sort(WORST_FIRST);
        return new LampStatus(reasons.get(0).lamp(), reasons);
    }
}

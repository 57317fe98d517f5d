package io.switchboard.health;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connector's lamp at one evaluation, with every reason for it, worst first.
 *
 * @param lamp the colour: the worst of the reasons, green when there are none
 * @param reasons every reason against the connector, worst first (in signal order among equals)
 */
public record LampStatus(Lamp lamp, List<LampReason> reasons) {
    /** A connector with nothing against it. */
    public static final LampStatus GREEN = new LampStatus(Lamp.GREEN, List.of());

    public LampStatus {
        reasons = List.copyOf(reasons);
    }

    /** Returns the reason that sets the colour, or null when green. */
    public @Nullable LampReason topReason() {
        return reasons.isEmpty() ? null : reasons.get(0);
    }
}

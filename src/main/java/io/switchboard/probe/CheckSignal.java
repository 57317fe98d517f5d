package io.switchboard.probe;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.health.Signal;
import io.switchboard.store.CheckResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The signal of a connector's checks: each failing check is a red reason, such as "check 'ping' failing since 14:02
 * UTC: expected status 200, got 503". A check that has not run yet says nothing.
 */
public final class CheckSignal implements Signal {
    /** The source name of this signal's reasons. */
    public static final String SOURCE = "check";

    private final Function<String, List<CheckStatus>> checks;
    private final ZoneId zone;

    /**
     * Creates the signal.
     *
     * @param checks a connector's checks as they stand now, by connector id
     * @param zone the zone the "since" times are written in
     */
    public CheckSignal(Function<String, List<CheckStatus>> checks, ZoneId zone) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public List<LampReason> reasons(String connector, Instant now) {
        List<LampReason> reasons = new ArrayList<>(1);
        for (CheckStatus check : checks.apply(connector)) {
            CheckResult latest = check.latest();
            if (latest == null || latest.ok()) {
                continue;
            }
            Instant since = Objects.requireNonNullElse(check.failingSince(), latest.time());
            reasons.add(new LampReason(
                    Lamp.RED,
                    SOURCE,
                    "check '" + check.config().name() + "' failing since " + ProbeText.time(since, zone) + ": "
                            + latest.message()));
        }
        return reasons;
    }
}

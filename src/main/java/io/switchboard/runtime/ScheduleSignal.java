package io.switchboard.runtime;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.health.Signal;
import io.switchboard.policy.schedule.SchedulePolicy;
import io.switchboard.policy.schedule.ScheduleStatus;
import java.time.Instant;
import java.util.List;

/** The lamp signal of a connector's schedule: grey while it is closed, "closed until Mon 09:00 Europe/Moscow". */
public final class ScheduleSignal implements Signal {
    private final LiveRuntime runtime;

    /** Creates the signal over the connectors of the snapshot in force at each evaluation. */
    public ScheduleSignal(LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<LampReason> reasons(String connector, Instant now) {
        ConnectorRuntime running = runtime.current().connector(connector);
        if (running == null) {
            return List.of();
        }
        return running.policy(SchedulePolicy.class)
                .map(schedule -> reasons(schedule.status(now)))
                .orElse(List.of());
    }

    /** Returns a grey reason with the schedule's own words when it is closed; none when open. */
    static List<LampReason> reasons(ScheduleStatus status) {
        return status.open() ? List.of() : List.of(new LampReason(Lamp.GREY, "schedule", status.reason()));
    }

    @Override
    public String toString() {
        return "schedule";
    }
}

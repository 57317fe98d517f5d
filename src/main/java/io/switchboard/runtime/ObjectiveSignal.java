package io.switchboard.runtime;

import io.switchboard.config.ObjectivesConfig;
import io.switchboard.health.LampReason;
import io.switchboard.health.ObjectiveRule;
import io.switchboard.health.Signal;
import java.time.Instant;
import java.util.List;

/**
 * The lamp signal of a connector's objectives ({@code objectives: { error-rate: 5%, p95: 2s }}), judged on its
 * passive traffic window by the {@link ObjectiveRule}.
 */
public final class ObjectiveSignal implements Signal {
    private final LiveRuntime runtime;

    /** Creates the signal over the connectors of the snapshot in force at each evaluation. */
    public ObjectiveSignal(LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<LampReason> reasons(String connector, Instant now) {
        ConnectorRuntime running = runtime.current().connector(connector);
        if (running == null) {
            return List.of();
        }
        ObjectivesConfig objectives = running.config().objectives();
        if (objectives == null) {
            return List.of();
        }
        return ObjectiveRule.reasons(objectives, running.meters().traffic().stats(objectives.window()));
    }

    @Override
    public String toString() {
        return "objectives";
    }
}

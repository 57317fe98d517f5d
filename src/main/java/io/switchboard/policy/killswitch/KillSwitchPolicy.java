package io.switchboard.policy.killswitch;

import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.Problem;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy that answers every call with 503 {@code switched-off} while the connector's switch is off. It is the first
 * stage, so a switched-off connector costs one volatile read and sends nothing anywhere; calls already past it finish.
 */
public final class KillSwitchPolicy implements Policy {
    private final KillSwitch killSwitch;

    private KillSwitchPolicy(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    /** Returns the policy reading {@code killSwitch}. */
    public static KillSwitchPolicy from(KillSwitch killSwitch) {
        return new KillSwitchPolicy(killSwitch);
    }

    @Override
    public String name() {
        return "switch";
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        SwitchPosition position = killSwitch.position();
        if (position.on()) {
            return next.proceed(exchange);
        }
        return Future.succeededFuture(new Outcome.Rejection(problem(position), name()));
    }

    private Problem problem(SwitchPosition position) {
        Instant at = position.changedAt();
        String by = position.changedBy();
        String detail = "connector '" + killSwitch.connector() + "' is switched off"
                + (by == null ? "" : " by " + by)
                + (at == null ? "" : " at " + at)
                + (position.reason().isEmpty() ? "" : ": " + position.reason());
        Problem problem = Problem.of(ErrorKind.SWITCHED_OFF, detail).with("reason", position.reason());
        if (by != null) {
            problem = problem.with("switchedBy", by);
        }
        if (at != null) {
            problem = problem.with("switchedAt", at.toString());
        }
        return problem;
    }

    @Override
    public Map<String, Object> liveState() {
        SwitchPosition position = killSwitch.position();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("on", position.on());
        state.put("reason", position.reason());
        if (position.changedBy() != null) {
            state.put("changedBy", position.changedBy());
        }
        if (position.changedAt() != null) {
            state.put("changedAt", String.valueOf(position.changedAt()));
        }
        return state;
    }
}

package io.switchboard.runtime;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.health.Signal;
import io.switchboard.policy.circuitbreaker.CircuitBreakerPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The lamp signal of a connector's circuit breaker: red while open ("circuit open after 62% failures; next probe in
 * 12s"), yellow while half-open.
 */
public final class CircuitSignal implements Signal {
    private final LiveRuntime runtime;

    /** Creates the signal over the connectors of the snapshot in force at each evaluation. */
    public CircuitSignal(LiveRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<LampReason> reasons(String connector, Instant now) {
        ConnectorRuntime running = runtime.current().connector(connector);
        if (running == null) {
            return List.of();
        }
        return running.policy(CircuitBreakerPolicy.class)
                .map(CircuitSignal::reasons)
                .orElse(List.of());
    }

    /** Returns the breaker's reason: red when open or forced open, yellow when half-open, none otherwise. */
    static List<LampReason> reasons(CircuitBreakerPolicy breaker) {
        return switch (breaker.state()) {
            case OPEN -> List.of(new LampReason(Lamp.RED, "circuit-breaker", openText(breaker)));
            case HALF_OPEN ->
                List.of(new LampReason(
                        Lamp.YELLOW,
                        "circuit-breaker",
                        "circuit half-open: probe calls decide whether it closes or opens again"));
            case FORCED_OPEN -> List.of(new LampReason(Lamp.RED, "circuit-breaker", "circuit forced open"));
            case CLOSED, DISABLED, METRICS_ONLY -> List.of();
        };
    }

    private static String openText(CircuitBreakerPolicy breaker) {
        StringBuilder text = new StringBuilder("circuit open");
        OptionalDouble rate = breaker.failureRate();
        if (rate.isPresent()) {
            text.append(" after ").append(Math.round(rate.getAsDouble())).append("% failures");
        }
        Optional<Duration> probe = breaker.nextProbeIn();
        if (probe.isPresent()) {
            long seconds = Math.max(0, (probe.get().toMillis() + 999) / 1000);
            text.append(seconds == 0 ? "; next call probes" : "; next probe in " + seconds + "s");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "circuit-breaker";
    }
}

package io.switchboard.policy.circuitbreaker;

/** The state of a connector's circuit breaker, as shown in metrics and the admin API. */
public enum CircuitState {
    /** Calls go through and are counted. */
    CLOSED("closed"),
    /** Calls are refused until the open time is over. */
    OPEN("open"),
    /** A few probe calls go through; their results close or open the breaker again. */
    HALF_OPEN("half-open"),
    /** Calls are refused until an operator releases the breaker. */
    FORCED_OPEN("forced-open"),
    /** Calls go through and nothing is counted. */
    DISABLED("disabled"),
    /** Calls go through and are counted, but the breaker never opens. */
    METRICS_ONLY("metrics-only");

    private final String code;

    CircuitState(String code) {
        this.code = code;
    }

    /** Returns the kebab-case name used in metrics labels and the admin API. */
    public String code() {
        return code;
    }
}

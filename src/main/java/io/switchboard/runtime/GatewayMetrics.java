package io.switchboard.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.health.CallResult;
import io.switchboard.health.TrafficWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics: requests by connector, caller, outcome and status class; latency histograms;
 * attempts; calls in flight; config generation and reloads.
 *
 * <p>Meters are created once per connector (and per caller and outcome on first use) and cached, so recording a
 * request is a map lookup and a few atomic adds. Each connector also keeps a {@link TrafficWindow}, the passive
 * statistics its lamp and the admin API read.
 */
public final class GatewayMetrics {
    /** Latency buckets: a provider's answer takes from milliseconds to tens of seconds. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    /** Callers beyond this many distinct names are counted as "other", so a bad header cannot explode the series. */
    private static final int MAX_CALLERS = 200;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final ConcurrentMap<String, ConnectorMeters> connectors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> callers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Counter reloadsApplied;
    private final Counter reloadsRejected;

    /** Creates the registry with the gateway-wide meters; traffic windows read the time from {@code clock}. */
    public GatewayMetrics(Clock clock) {
        this.clock = clock;
        Gauge.builder("switchboard_config_generation", generation, AtomicLong::get)
                .description("Generation of the config in force; rises by one with each applied reload")
                .register(registry);
        // Both results are exported from the start at 0, so rate() and alerts work before the first reload.
        this.reloadsApplied = reloads("applied");
        this.reloadsRejected = reloads("rejected");
    }

    /** Returns the registry, for components that add their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Returns the Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Records that config generation {@code value} is now in force; generation 1 is the start, not a reload. */
    public void configApplied(long value) {
        generation.set(value);
        if (value > 1) {
            reloadsApplied.increment();
        }
    }

    /** Records a reload that was refused because the new config was invalid. */
    public void configRejected() {
        reloadsRejected.increment();
    }

    private Counter reloads(String result) {
        return Counter.builder("switchboard_config_reloads")
                .description("Config reloads by result")
                .tag("result", result)
                .register(registry);
    }

    /** Returns the meters of one connector, creating them on first use. */
    public ConnectorMeters connector(String id) {
        return connectors.computeIfAbsent(id, name -> new ConnectorMeters(name, this));
    }

    String callerLabel(String caller) {
        if (callers.containsKey(caller)) {
            return caller;
        }
        if (callers.size() >= MAX_CALLERS) {
            return "other";
        }
        callers.put(caller, Boolean.TRUE);
        return caller;
    }

    /** The meters of one connector. */
    public static final class ConnectorMeters {
        private final String connector;
        private final GatewayMetrics owner;
        private final Timer total;
        private final Timer upstream;
        private final DistributionSummary attempts;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final TrafficWindow traffic;
        /** Request counters by caller, then outcome, then status class (index 1 to 5): no key is built per request. */
        private final ConcurrentMap<String, ConcurrentMap<String, Counter[]>> requests = new ConcurrentHashMap<>();

        private volatile Supplier<String> circuitState = () -> "none";
        private volatile LongSupplier retries = () -> 0;
        private volatile LongSupplier retriesDenied = () -> 0;

        ConnectorMeters(String connector, GatewayMetrics owner) {
            this.connector = connector;
            this.owner = owner;
            this.traffic = TrafficWindow.start(owner.clock);
            PrometheusMeterRegistry registry = owner.registry;
            this.total = Timer.builder("switchboard_request_duration")
                    .description("Time from a request's arrival until its response was sent in full, per connector")
                    .tag("connector", connector)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            this.upstream = Timer.builder("switchboard_upstream_duration")
                    .description("Time of the last attempt until the upstream's response head, per connector")
                    .tag("connector", connector)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            this.attempts = DistributionSummary.builder("switchboard_attempts")
                    .description("Attempts per proxied request (1 = no retry)")
                    .tag("connector", connector)
                    .register(registry);
            Gauge.builder("switchboard_in_flight", inFlight, AtomicInteger::get)
                    .description("Requests in flight through the connector")
                    .tag("connector", connector)
                    .register(registry);
            for (String state : List.of("closed", "open", "half-open")) {
                Gauge.builder(
                                "switchboard_circuit_state",
                                this,
                                meters -> state.equals(meters.circuitState.get()) ? 1 : 0)
                        .description("1 for the state the connector's circuit breaker is in (none: no breaker)")
                        .tag("connector", connector)
                        .tag("state", state)
                        .register(registry);
            }
            FunctionCounter.builder("switchboard_retries", this, meters -> meters.retries.getAsLong())
                    .description("Retries made (attempts after the first)")
                    .tag("connector", connector)
                    .register(registry);
            FunctionCounter.builder("switchboard_retries_denied", this, meters -> meters.retriesDenied.getAsLong())
                    .description("Retries the retry budget refused")
                    .tag("connector", connector)
                    .register(registry);
        }

        /** Reads the circuit state from this supplier from now on (the connector's current breaker). */
        public void watchCircuit(Supplier<String> state) {
            this.circuitState = state;
        }

        /** Reads the retry counters from these suppliers from now on (the connector's current retry policy). */
        public void watchRetries(LongSupplier made, LongSupplier denied) {
            this.retries = made;
            this.retriesDenied = denied;
        }

        /** Counts a request that entered the connector's pipeline; pair with {@link #finished}. */
        public void started() {
            inFlight.incrementAndGet();
        }

        /**
         * Records a finished request.
         *
         * @param caller the caller's name, or null when anonymous
         * @param outcome {@code ok}, {@code upstream-error} (a 5xx from the provider) or the gateway's error kind
         * @param status the status sent to the caller
         * @param totalNanos time from arrival until the response was sent in full
         * @param upstreamNanos time of the last attempt, or -1 when none was made
         * @param attemptCount attempts made
         */
        public void finished(
                String caller, String outcome, int status, long totalNanos, long upstreamNanos, int attemptCount) {
            inFlight.decrementAndGet();
            Counter counter = requestCounter(owner.callerLabel(caller), outcome, status);
            counter.increment();
            total.record(totalNanos, TimeUnit.NANOSECONDS);
            if (upstreamNanos >= 0) {
                upstream.record(upstreamNanos, TimeUnit.NANOSECONDS);
            }
            if (attemptCount > 0) {
                attempts.record(attemptCount);
            }
            traffic.record(CallResult.of(outcome, status), totalNanos);
        }

        /** Returns the connector's passive traffic statistics over the last 15 minutes. */
        public TrafficWindow traffic() {
            return traffic;
        }

        private Counter requestCounter(String callerLabel, String outcome, int status) {
            ConcurrentMap<String, Counter[]> byOutcome = requests.get(callerLabel);
            if (byOutcome == null) {
                byOutcome = requests.computeIfAbsent(callerLabel, k -> new ConcurrentHashMap<>());
            }
            Counter[] byClass = byOutcome.get(outcome);
            if (byClass == null) {
                byClass = byOutcome.computeIfAbsent(outcome, k -> new Counter[6]);
            }
            int statusClass = Math.max(1, Math.min(5, status / 100));
            Counter counter = byClass[statusClass];
            if (counter == null) {
                // Two threads may both get here; Micrometer hands both the same registered counter, so either write
                // of the array slot is right.
                counter = Counter.builder("switchboard_requests")
                        .description("Requests by connector, caller, outcome and status class")
                        .tag("connector", connector)
                        .tag("caller", callerLabel)
                        .tag("outcome", outcome)
                        .tag("status_class", statusClass + "xx")
                        .register(owner.registry);
                byClass[statusClass] = counter;
            }
            return counter;
        }

        /** Returns the requests in flight now. */
        public int inFlight() {
            return inFlight.get();
        }
    }
}

package io.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.LoadResult;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.health.Lamp;
import io.switchboard.health.LampEvaluator;
import io.switchboard.store.StoreLocation;
import io.switchboard.testing.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one pass of the lamp loop costs with 1,000 connectors, each with a schedule, a circuit breaker and objectives
 * over a full 15-minute traffic window, through the real signals the gateway wires. The figure is logged; the bound
 * asserted is loose so a loaded machine does not fail the build.
 */
class LampWatchScaleTest {
    private static final Logger LOG = LoggerFactory.getLogger(LampWatchScaleTest.class);
    private static final int CONNECTORS = 1000;

    @TempDir
    Path directory;

    @Test
    void evaluatesAThousandConnectorsWellWithinOneInterval() {
        MutableClock clock = MutableClock.start();
        Vertx vertx = Vertx.vertx();
        GatewayMetrics metrics = new GatewayMetrics(clock);
        Switches switches = new Switches(clock);
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        LiveRuntime runtime =
                new LiveRuntime(vertx, new PipelineFactory(vertx, clock, random, metrics, switches), metrics, clock);
        StoreLink store = StoreLink.open(new StoreLocation.Sqlite(directory.resolve("switchboard.db")), clock);
        try {
            runtime.apply(thousandConnectors());
            fillTrafficWindows(runtime, clock);
            for (int i = 0; i < CONNECTORS; i += 10) {
                switches.set("c" + i, false, "provider outage", "night-shift");
            }
            EventRecorder events = new EventRecorder(store, clock, random, metrics);
            LampWatch watch = new LampWatch(
                    () -> runtime.current().connectors().keySet(),
                    LampEvaluator.of(List.of(
                            new SwitchSignal(switches, clock.getZone()),
                            new ScheduleSignal(runtime),
                            new CircuitSignal(runtime),
                            new ObjectiveSignal(runtime))),
                    events,
                    metrics.registry(),
                    clock);

            long[] passes = new long[60];
            for (int warmUp = 0; warmUp < 40; warmUp++) {
                watch.evaluateAll();
            }
            for (int pass = 0; pass < passes.length; pass++) {
                clock.advance(Duration.ofMillis(100));
                long started = System.nanoTime();
                watch.evaluateAll();
                passes[pass] = System.nanoTime() - started;
            }
            Arrays.sort(passes);
            double medianMillis = passes[passes.length / 2] / 1e6;
            double worstMillis = passes[passes.length - 1] / 1e6;
            LOG.info(
                    "lamp pass over {} connectors (switch, schedule, breaker, objectives over 5m): median {} ms,"
                            + " worst {} ms",
                    CONNECTORS,
                    String.format(java.util.Locale.ROOT, "%.2f", medianMillis),
                    String.format(java.util.Locale.ROOT, "%.2f", worstMillis));

            assertThat(medianMillis).isLessThan(250);
            assertThat(watch.status("c0").lamp()).isEqualTo(Lamp.RED);
            assertThat(watch.status("c1").lamp()).isEqualTo(Lamp.YELLOW);
            assertThat(watch.status("c2").lamp()).isEqualTo(Lamp.GREEN);
            watch.close();
        } finally {
            store.close();
            runtime.closeAll();
            vertx.close().await();
        }
    }

    /** Returns 1,000 connectors with every lamp-relevant policy; every other one misses its error-rate objective. */
    private static SwitchboardConfig thousandConnectors() {
        StringBuilder yaml = new StringBuilder("connectors:\n");
        for (int i = 0; i < CONNECTORS; i++) {
            yaml.append("  c")
                    .append(i)
                    .append(":\n")
                    .append("    upstream: { endpoints: [ \"http://127.0.0.1:9\" ] }\n")
                    .append("    schedule: { zone: Europe/Moscow, open: [ \"Daily 00:00-24:00\" ] }\n")
                    .append("    circuit-breaker: { failure-rate: 50%, window: 30s, min-requests: 20 }\n")
                    .append("    objectives: { error-rate: 5%, p95: 2s }\n");
        }
        LoadResult result = ConfigLoader.parse(yaml.toString(), "switchboard.yaml", Map.of());
        assertThat(result.problems()).isEmpty();
        return ((LoadResult.Valid) result).config();
    }

    /** Records 15 minutes of traffic (8 requests per connector per 10 seconds); odd connectors fail 1 in 16. */
    private static void fillTrafficWindows(LiveRuntime runtime, MutableClock clock) {
        for (int bucket = 0; bucket < 90; bucket++) {
            for (int i = 0; i < CONNECTORS; i++) {
                GatewayMetrics.ConnectorMeters meters = java.util.Objects.requireNonNull(
                                runtime.current().connector("c" + i))
                        .meters();
                for (int request = 0; request < 8; request++) {
                    boolean failed = i % 2 == 1 && request == 0 && bucket % 2 == 0;
                    meters.started();
                    meters.finished(
                            "shop",
                            failed ? "upstream-error" : "ok",
                            failed ? 500 : 200,
                            Duration.ofMillis(40 + request * 30).toNanos(),
                            -1,
                            1);
                }
            }
            clock.advance(Duration.ofSeconds(10));
        }
    }
}

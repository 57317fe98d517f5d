package io.switchboard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.config.CheckConfig;
import io.switchboard.config.Expectations;
import io.switchboard.config.ProbeRequest;
import io.switchboard.config.ResourceConfig;
import io.switchboard.config.Thresholds;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.store.CheckResult;
import io.switchboard.store.Event;
import io.switchboard.store.ResourceLevel;
import io.switchboard.store.ResourceReading;
import io.switchboard.store.Severity;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeSchedulerTest {
    private static final Duration FAST = Duration.ofMillis(150);

    @RegisterExtension
    @Order(1)
    static final RunningVertx VERTX = new RunningVertx();

    @RegisterExtension
    @Order(2)
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    private final Source source = new Source();
    private final Records records = new Records();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private @Nullable ProbeScheduler scheduler;

    @AfterEach
    void stopProbing() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /** The running config as a test sets it. */
    private static final class Source implements ProbeSource {
        private final AtomicLong generation = new AtomicLong(1);
        private volatile List<ProbeTarget> targets = List.of();

        void set(ProbeTarget... next) {
            targets = List.of(next);
            generation.incrementAndGet();
        }

        @Override
        public long generation() {
            return generation.get();
        }

        @Override
        public List<ProbeTarget> targets() {
            return targets;
        }
    }

    /**
     * An event as recorded.
     *
     * @param kind its kind
     * @param severity its severity
     * @param message its message
     */
    private record Recorded(String kind, Severity severity, String message) {}

    /** What the scheduler handed on, collected. */
    private static final class Records implements ProbeRecords {
        private final List<CheckResult> checks = new CopyOnWriteArrayList<>();
        private final List<ResourceReading> readings = new CopyOnWriteArrayList<>();
        private final List<Recorded> events = new CopyOnWriteArrayList<>();

        @Override
        public void checked(CheckResult result) {
            checks.add(result);
        }

        @Override
        public void read(ResourceReading reading) {
            readings.add(reading);
        }

        @Override
        public void event(String kind, String connector, Severity severity, String message, JsonObject details) {
            events.add(new Recorded(kind, severity, message));
        }
    }

    /** A generator whose bounded draws are the largest allowed, so a new probe's first run waits a whole period. */
    private static final class LatestFirstRuns implements RandomGenerator {
        @Override
        public long nextLong() {
            return 0x5DEECE66DL;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    }

    private ProbeScheduler start(RandomGenerator random) {
        ProbeScheduler started =
                ProbeScheduler.start(VERTX.vertx(), Clock.systemUTC(), random, registry, source, records);
        scheduler = started;
        return started;
    }

    private ProbeScheduler start() {
        return start(RandomGenerator.of("L64X128MixRandom"));
    }

    private static Pipeline pipeline() {
        return Pipeline.of(List.of(), VERTX.terminal(UPSTREAM.baseUrl()));
    }

    private static ProbeRequest get(String path) {
        return new ProbeRequest("GET", path, null, Map.of(), null);
    }

    private static CheckConfig check(String name, Duration every, ProbeRequest request, Expectations expect) {
        return new CheckConfig(name, every, every, request, expect);
    }

    private static ResourceConfig resource(String name, Duration every, String path, Thresholds thresholds) {
        return new ResourceConfig(name, every, every, get(path), new ResourceConfig.JsonValue("/free"), thresholds);
    }

    private static ProbeTarget target(List<CheckConfig> checks, List<ResourceConfig> resources) {
        return new ProbeTarget("courier", checks, resources, pipeline());
    }

    private static Reply json(String body) {
        return Reply.ok(body).withHeader("Content-Type", "application/json");
    }

    @Test
    void sendsEachCheckThroughThePipelineMarkedAsAProbe() {
        ProbeRequest post =
                new ProbeRequest("POST", "/orders/test", "dry=1", Map.of("X-Tenant", "shop"), "{\"items\": []}");
        source.set(target(List.of(check("order", FAST, post, Expectations.DEFAULT)), List.of()));

        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !UPSTREAM.received().isEmpty());
        FakeUpstream.Recorded request = UPSTREAM.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/orders/test");
        assertThat(request.query()).isEqualTo("dry=1");
        assertThat(request.header("Switchboard-Probe")).isEqualTo("check/order");
        assertThat(request.header("User-Agent")).isEqualTo("switchboard-probe");
        assertThat(request.header("X-Tenant")).isEqualTo("shop");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(request.bodyText()).isEqualTo("{\"items\": []}");
    }

    @Test
    void recordsACheckThatFailsThenPassesWithOneEventEach() {
        UPSTREAM.enqueue(Reply.status(503, "down"), Reply.status(503, "down"), Reply.status(503, "down"));
        source.set(target(List.of(check("ping", FAST, get("/ping"), Expectations.DEFAULT)), List.of()));
        ProbeScheduler probes = start();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> records.checks.size() >= 5
                        && records.checks.get(records.checks.size() - 1).ok());

        assertThat(records.checks.subList(0, 4))
                .extracting(CheckResult::ok, CheckResult::status, CheckResult::message)
                .containsExactly(
                        tuple(false, 503, "expected a 2xx status, got 503"),
                        tuple(false, 503, "expected a 2xx status, got 503"),
                        tuple(false, 503, "expected a 2xx status, got 503"),
                        tuple(true, 200, records.checks.get(3).message()));
        assertThat(records.events)
                .extracting(Recorded::kind, Recorded::severity)
                .containsExactly(
                        tuple(ProbeScheduler.CHECK_FAILED, Severity.CRITICAL),
                        tuple(ProbeScheduler.CHECK_RECOVERED, Severity.INFO));
        assertThat(records.events.get(0).message())
                .isEqualTo("check 'ping' of connector 'courier' fails: expected a 2xx status, got 503");
        assertThat(probes.checks("courier").get(0).failingSince()).isNull();
        assertThat(registry.get("switchboard_check_up")
                        .tag("check", "ping")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void keepsWhenAFailingStreakStarted() {
        UPSTREAM.answerWith(request -> Reply.status(500, "broken"));
        source.set(target(List.of(check("ping", FAST, get("/ping"), Expectations.DEFAULT)), List.of()));
        ProbeScheduler probes = start();

        await().atMost(Duration.ofSeconds(5)).until(() -> records.checks.size() >= 3);

        CheckStatus status = probes.checks("courier").get(0);
        assertThat(status.failingSince()).isEqualTo(records.checks.get(0).time());
        assertThat(probes.checkSignal().reasons("courier", Clock.systemUTC().instant()))
                .singleElement()
                .satisfies(reason -> assertThat(reason.text())
                        .startsWith("check 'ping' failing since ")
                        .endsWith(" UTC: expected a 2xx status, got 500"));
        assertThat(records.events).hasSize(1);
    }

    @Test
    void readsAResourceAndRecordsEachThresholdCrossing() {
        UPSTREAM.enqueue(
                json("{\"free\": 150}"),
                json("{\"free\": 50}"),
                json("{\"free\": 40}"),
                json("{\"free\": 5}"),
                json("{\"free\": 150}"));
        UPSTREAM.answerWith(request -> json("{\"free\": 150}"));
        source.set(target(
                List.of(), List.of(resource("couriers", FAST, "/free", new Thresholds(100.0, 10.0, null, null)))));
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> records.readings.size() >= 6);

        assertThat(records.readings.subList(0, 5))
                .extracting(ResourceReading::value, ResourceReading::level, ResourceReading::message)
                .containsExactly(
                        tuple(150.0, ResourceLevel.OK, "150"),
                        tuple(50.0, ResourceLevel.WARN, "50 (warn below 100)"),
                        tuple(40.0, ResourceLevel.WARN, "40 (warn below 100)"),
                        tuple(5.0, ResourceLevel.CRITICAL, "5 (critical below 10)"),
                        tuple(150.0, ResourceLevel.OK, "150"));
        assertThat(records.events)
                .containsExactly(
                        new Recorded(
                                Event.THRESHOLD_CROSSED,
                                Severity.WARNING,
                                "resource 'couriers' of connector 'courier' at 50 (warn below 100; was ok)"),
                        new Recorded(
                                Event.THRESHOLD_CROSSED,
                                Severity.CRITICAL,
                                "resource 'couriers' of connector 'courier' at 5 (critical below 10; was warn)"),
                        new Recorded(
                                Event.THRESHOLD_CROSSED,
                                Severity.INFO,
                                "resource 'couriers' of connector 'courier' back to ok at 150 (was critical)"));
    }

    @Test
    void recordsGarbageAsAFailedReadingAndKeepsProbing() {
        UPSTREAM.enqueue(Reply.ok("<html>maintenance</html>").withHeader("Content-Type", "text/html"));
        UPSTREAM.answerWith(request -> json("{\"free\": 20}"));
        source.set(target(
                List.of(), List.of(resource("couriers", FAST, "/free", new Thresholds(10.0, null, null, null)))));
        ProbeScheduler probes = start();

        await().atMost(Duration.ofSeconds(5)).until(() -> records.readings.size() >= 2);

        ResourceReading garbage = records.readings.get(0);
        assertThat(garbage.value()).isNull();
        assertThat(garbage.level()).isEqualTo(ResourceLevel.UNKNOWN);
        assertThat(garbage.message())
                .isEqualTo("no number at /free: the body is not JSON (Unexpected character ('<' (code 60)): expected"
                        + " a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at"
                        + " line 1, column 1)");
        assertThat(records.readings.get(1).value()).isEqualTo(20.0);
        assertThat(records.events).isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(probes.resources("courier").get(0).latest())
                                .isNotNull()
                                .extracting(ResourceReading::level)
                                .isEqualTo(ResourceLevel.OK));
        assertThat(registry.get("switchboard_resource_value")
                        .tag("resource", "couriers")
                        .gauge()
                        .value())
                .isEqualTo(20.0);
        assertThat(registry.get("switchboard_resource_level")
                        .tag("resource", "couriers")
                        .gauge()
                        .value())
                .isEqualTo(0.0);
    }

    @Test
    void givesUpOnAnAnswerSlowerThanTheTimeout() {
        UPSTREAM.answerWith(request -> Reply.ok("late").after(Duration.ofMillis(800)));
        CheckConfig slow = new CheckConfig(
                "ping", Duration.ofSeconds(1), Duration.ofMillis(100), get("/ping"), Expectations.DEFAULT);
        source.set(target(List.of(slow), List.of()));
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> !records.checks.isEmpty());

        CheckResult result = records.checks.get(0);
        assertThat(result.ok()).isFalse();
        assertThat(result.status()).isNull();
        assertThat(result.latency()).isNull();
        assertThat(result.message()).isEqualTo("no complete answer within 100ms (the probe's timeout)");
    }

    @Test
    void followsAReloadWithoutResettingUnchangedProbes() {
        CheckConfig ping = check("ping", FAST, get("/ping"), Expectations.DEFAULT);
        CheckConfig deep = check("deep", FAST, get("/deep"), Expectations.DEFAULT);
        ResourceConfig couriers = resource("couriers", FAST, "/free", Thresholds.NONE);
        UPSTREAM.answerWith(request -> json("{\"free\": 3}"));
        source.set(target(List.of(ping, deep), List.of(couriers)));
        ProbeScheduler probes = start(new LatestFirstRuns());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> probes.checks("courier").stream().allMatch(check -> check.latest() != null)
                        && probes.resources("courier").get(0).latest() != null);
        CheckConfig deepChanged = check("deep", Duration.ofSeconds(30), get("/deep/v2"), Expectations.DEFAULT);
        CheckConfig added = check("added", Duration.ofSeconds(30), get("/added"), Expectations.DEFAULT);

        source.set(target(List.of(ping, deepChanged, added), List.of()));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> probes.checks("courier").stream()
                        .map(check -> check.config().name())
                        .toList()
                        .equals(List.of("ping", "deep", "added")));
        List<CheckStatus> checks = probes.checks("courier");
        assertThat(checks.get(0).latest())
                .as("ping is unchanged and keeps its result")
                .isNotNull();
        assertThat(checks.get(1).latest()).as("deep changed and starts over").isNull();
        assertThat(checks.get(2).latest()).as("added has not run yet").isNull();
        assertThat(probes.resources("courier")).isEmpty();
        assertThat(registry.find("switchboard_resource_value").gauges()).isEmpty();
        int before = records.checks.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> records.checks.size() >= before + 2);
        assertThat(records.checks.subList(before, records.checks.size()))
                .extracting(CheckResult::check)
                .containsOnly("ping");
    }

    @Test
    void stopsProbingAConnectorThatIsGone() {
        source.set(target(List.of(check("ping", FAST, get("/ping"), Expectations.DEFAULT)), List.of()));
        ProbeScheduler probes = start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.checks.isEmpty());

        source.set();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> probes.checks("courier").isEmpty());
        int requests = UPSTREAM.received().size();
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> UPSTREAM.received().size() <= requests + 1);
        assertThat(registry.find("switchboard_check_up").gauges()).isEmpty();
    }
}

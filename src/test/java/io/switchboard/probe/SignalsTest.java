package io.switchboard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.CheckConfig;
import io.switchboard.config.Expectations;
import io.switchboard.config.ProbeRequest;
import io.switchboard.config.ResourceConfig;
import io.switchboard.config.Thresholds;
import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.store.CheckResult;
import io.switchboard.store.ResourceLevel;
import io.switchboard.store.ResourceReading;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SignalsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T14:05:00Z");
    private static final Instant SINCE = Instant.parse("2026-11-26T14:02:10Z");
    private static final ProbeRequest PING = new ProbeRequest("GET", "/ping", null, Map.of(), null);

    private static CheckStatus check(String name, boolean ok, String message) {
        CheckConfig config =
                new CheckConfig(name, Duration.ofMinutes(1), Duration.ofSeconds(5), PING, Expectations.DEFAULT);
        CheckResult result = new CheckResult("courier", name, NOW, ok, ok ? 200 : 503, Duration.ofMillis(9), message);
        return new CheckStatus("courier", config, result, ok ? null : SINCE);
    }

    private static ResourceStatus resource(String name, ResourceReading reading, String threshold) {
        ResourceConfig config = new ResourceConfig(
                name,
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                PING,
                new ResourceConfig.JsonValue("/free"),
                new Thresholds(100.0, 10.0, null, null));
        return new ResourceStatus("courier", config, reading, threshold, reading.level());
    }

    private static ResourceReading reading(String name, @Nullable Double value, ResourceLevel level, String message) {
        return new ResourceReading("courier", name, NOW, value, level, message);
    }

    @Test
    void aFailingCheckIsRedSinceItStartedFailing() {
        CheckSignal signal = new CheckSignal(
                connector -> List.of(
                        check("ping", false, "expected status 200, got 503"), check("deep", true, "status 200 in 9ms")),
                ZoneOffset.UTC);

        List<LampReason> reasons = signal.reasons("courier", NOW);

        assertThat(reasons)
                .containsExactly(new LampReason(
                        Lamp.RED, "check", "check 'ping' failing since 14:02 UTC: expected status 200, got 503"));
    }

    @Test
    void writesTheSinceTimeInTheClocksZone() {
        CheckSignal signal = new CheckSignal(
                connector -> List.of(check("ping", false, "expected a 2xx status, got 500")),
                ZoneId.of("Europe/Moscow"));

        List<LampReason> reasons = signal.reasons("courier", NOW);

        assertThat(reasons)
                .extracting(LampReason::text)
                .containsExactly("check 'ping' failing since 17:02 Europe/Moscow: expected a 2xx status, got 500");
    }

    @Test
    void aCheckThatHasNotRunSaysNothing() {
        CheckConfig config =
                new CheckConfig("ping", Duration.ofMinutes(1), Duration.ofSeconds(5), PING, Expectations.DEFAULT);
        CheckSignal signal =
                new CheckSignal(connector -> List.of(new CheckStatus("courier", config, null, null)), ZoneOffset.UTC);

        assertThat(signal.reasons("courier", NOW)).isEmpty();
    }

    @Test
    void resourcesPastWarnAreYellowPastCriticalRedAndUnreadableYellow() {
        ResourceSignal signal = new ResourceSignal(connector -> List.of(
                resource(
                        "balance",
                        reading("balance", 12.0, ResourceLevel.WARN, "12 (warn below 100)"),
                        "warn below 100"),
                resource("couriers", reading("couriers", 0.0, ResourceLevel.CRITICAL, "0"), "critical below 10"),
                resource(
                        "stock",
                        reading("stock", null, ResourceLevel.UNKNOWN, "no number at /free: found \"many\""),
                        ""),
                resource("fine", reading("fine", 500.0, ResourceLevel.OK, "500"), "")));

        List<LampReason> reasons = signal.reasons("courier", NOW);

        assertThat(reasons)
                .containsExactly(
                        new LampReason(Lamp.YELLOW, "resource", "resource 'balance' at 12 (warn below 100)"),
                        new LampReason(Lamp.RED, "resource", "resource 'couriers' at 0 (critical below 10)"),
                        new LampReason(
                                Lamp.YELLOW,
                                "resource",
                                "resource 'stock' unreadable: no number at /free: found \"many\""));
    }

    @Test
    void aConnectorWithoutResourcesHasNoReasons() {
        ResourceSignal signal = new ResourceSignal(connector -> List.of());

        assertThat(signal.reasons("courier", NOW)).isEmpty();
    }
}

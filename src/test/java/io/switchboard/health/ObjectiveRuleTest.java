package io.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ObjectivesConfig;
import io.switchboard.config.Percentage;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectiveRuleTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @ParameterizedTest(name = "objective {0}%: {2} of {1} calls failed -> {3}")
    @CsvSource({
        "5, 100, 0, GREEN",
        "5, 100, 5, GREEN",
        "5, 100, 6, YELLOW",
        "5, 100, 10, YELLOW",
        "5, 100, 11, RED",
        "5, 19, 19, GREEN",
        "5, 20, 20, RED",
        "30, 100, 31, YELLOW",
        "30, 100, 50, YELLOW",
        "30, 100, 51, RED",
        "60, 100, 61, RED",
        "0.5, 1000, 6, YELLOW",
        "0.5, 1000, 11, RED"
    })
    void judgesTheErrorRate(double objective, long calls, long failed, Lamp expected) {
        ObjectivesConfig objectives = objectives(objective, null, 20);

        List<LampReason> reasons = ObjectiveRule.reasons(objectives, stats(calls, failed, Duration.ofMillis(10)));

        assertThat(lampOf(reasons)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "objective p95 {0}: p95 of {1} -> {2}")
    @CsvSource({
        "2s, 1500ms, GREEN",
        "2s, 2000ms, GREEN",
        "2s, 2100ms, YELLOW",
        "2s, 4000ms, YELLOW",
        "2s, 4100ms, RED",
        "250ms, 600ms, RED"
    })
    void judgesTheP95Latency(String objective, String p95, Lamp expected) {
        ObjectivesConfig objectives = objectives(null, duration(objective), 20);

        List<LampReason> reasons = ObjectiveRule.reasons(objectives, stats(100, 0, duration(p95)));

        assertThat(lampOf(reasons)).isEqualTo(expected);
    }

    @Test
    void saysWhatWasMissedByHowMuchInWords() {
        ObjectivesConfig objectives = objectives(5.0, Duration.ofSeconds(2), 20);

        List<LampReason> reasons = ObjectiveRule.reasons(objectives, stats(300, 24, Duration.ofMillis(5100)));

        assertThat(reasons)
                .containsExactly(
                        new LampReason(Lamp.RED, "objective", "p95 latency 5.1s over the last 5m (objective 2s)"),
                        new LampReason(
                                Lamp.YELLOW,
                                "objective",
                                "error rate 8% over the last 5m (objective 5%; 24 of 300 calls failed)"));
    }

    @Test
    void writesSmallRatesWithADecimal() {
        assertThat(ObjectiveRule.percent(0.062)).isEqualTo("6.2%");
        assertThat(ObjectiveRule.percent(0.05)).isEqualTo("5%");
        assertThat(ObjectiveRule.percent(0.625)).isEqualTo("63%");
        assertThat(ObjectiveRule.latency(Duration.ofMillis(850))).isEqualTo("850ms");
    }

    @Test
    void judgesNothingBelowTheMinimumOfCalls() {
        ObjectivesConfig objectives = objectives(5.0, Duration.ofSeconds(2), 50);

        List<LampReason> reasons = ObjectiveRule.reasons(objectives, stats(49, 49, Duration.ofSeconds(30)));

        assertThat(reasons).isEmpty();
    }

    private static ObjectivesConfig objectives(@Nullable Double errorRate, @Nullable Duration p95, int minRequests) {
        return new ObjectivesConfig(
                errorRate == null ? null : new Percentage(errorRate), p95, FIVE_MINUTES, minRequests);
    }

    private static TrafficStats stats(long calls, long failed, Duration p95) {
        return new TrafficStats(FIVE_MINUTES, calls, calls, failed, 0, calls / 300.0, p95.dividedBy(2), p95);
    }

    private static Lamp lampOf(List<LampReason> reasons) {
        return reasons.isEmpty() ? Lamp.GREEN : reasons.get(0).lamp();
    }

    private static Duration duration(String text) {
        return io.switchboard.config.DurationFormat.parse(text);
    }
}

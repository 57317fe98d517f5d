package io.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LampEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-03-02T14:05:00Z");
    private static final LampReason SWITCHED_OFF =
            new LampReason(Lamp.RED, "switch", "switched off by night-shift at 14:02: provider outage");
    private static final LampReason CLOSED =
            new LampReason(Lamp.GREY, "schedule", "closed until Mon 09:00 Europe/Moscow");
    private static final LampReason HALF_OPEN = new LampReason(Lamp.YELLOW, "circuit-breaker", "circuit half-open");
    private static final LampReason SLOW = new LampReason(Lamp.RED, "objective", "p95 latency 5.1s");

    @Test
    void isGreenWithoutReasonsWhenNoSignalHasAny() {
        LampEvaluator evaluator =
                LampEvaluator.of(List.of((connector, now) -> List.of(), (connector, now) -> List.of()));

        LampStatus status = evaluator.evaluate("courier", NOW);

        assertThat(status).isEqualTo(LampStatus.GREEN);
        assertThat(status.topReason()).isNull();
    }

    @Test
    void takesTheWorstReasonAndListsEveryReasonWorstFirst() {
        LampEvaluator evaluator = LampEvaluator.of(List.of(
                (connector, now) -> List.of(CLOSED),
                (connector, now) -> List.of(HALF_OPEN),
                (connector, now) -> List.of(SWITCHED_OFF),
                (connector, now) -> List.of(SLOW)));

        LampStatus status = evaluator.evaluate("courier", NOW);

        assertThat(status.lamp()).isEqualTo(Lamp.RED);
        assertThat(status.reasons()).containsExactly(SWITCHED_OFF, SLOW, HALF_OPEN, CLOSED);
        assertThat(status.topReason()).isEqualTo(SWITCHED_OFF);
    }

    @Test
    void greyBeatsGreenButYieldsToYellow() {
        LampEvaluator closedOnly = LampEvaluator.of(List.of((connector, now) -> List.of(CLOSED)));
        LampEvaluator closedAndHalfOpen =
                LampEvaluator.of(List.of((connector, now) -> List.of(CLOSED), (connector, now) -> List.of(HALF_OPEN)));

        assertThat(closedOnly.evaluate("courier", NOW).lamp()).isEqualTo(Lamp.GREY);
        assertThat(closedAndHalfOpen.evaluate("courier", NOW).lamp()).isEqualTo(Lamp.YELLOW);
    }

    @Test
    void leavesGreenReasonsOut() {
        LampEvaluator evaluator = LampEvaluator.of(
                List.of((connector, now) -> List.of(new LampReason(Lamp.GREEN, "schedule", "open until 21:00"))));

        assertThat(evaluator.evaluate("courier", NOW)).isEqualTo(LampStatus.GREEN);
    }

    @Test
    void asksEachSignalAboutTheConnectorAtTheGivenTime() {
        LampEvaluator evaluator = LampEvaluator.of(List.of((connector, now) ->
                connector.equals("courier") && now.equals(NOW) ? List.of(SWITCHED_OFF) : List.of()));

        assertThat(evaluator.evaluate("courier", NOW).lamp()).isEqualTo(Lamp.RED);
        assertThat(evaluator.evaluate("sms", NOW).lamp()).isEqualTo(Lamp.GREEN);
    }

    @Test
    void aSignalThatThrowsMakesTheLampYellowAndTheOthersStillCount() {
        LampEvaluator evaluator = LampEvaluator.of(List.of(
                (connector, now) -> {
                    throw new IllegalStateException("probe state missing");
                },
                (connector, now) -> List.of(CLOSED)));

        LampStatus status = evaluator.evaluate("courier", NOW);

        assertThat(status.lamp()).isEqualTo(Lamp.YELLOW);
        assertThat(status.reasons())
                .containsExactly(
                        new LampReason(
                                Lamp.YELLOW,
                                "lamp",
                                "a lamp signal failed: IllegalStateException: probe state missing"),
                        CLOSED);
    }
}

package io.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.CircuitBreakerConfig;
import io.switchboard.config.Percentage;
import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.UpstreamFailure;
import io.switchboard.policy.circuitbreaker.CircuitBreakerPolicy;
import io.switchboard.policy.circuitbreaker.CircuitState;
import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.policy.schedule.ScheduleStatus;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of the signals that read live state: switch, schedule, circuit breaker. */
class SignalsTest {
    private static final Instant NOW = Instant.parse("2026-03-02T14:05:00Z");

    @Test
    void aSwitchedOffConnectorIsRedWithWhoWhenAndWhy() {
        Switches switches = new Switches(MutableClock.at(Instant.parse("2026-03-02T14:02:31Z")));
        switches.set("courier", false, "provider outage", "night-shift");

        List<LampReason> reasons = new SwitchSignal(switches, ZoneOffset.UTC).reasons("courier", NOW);

        assertThat(reasons)
                .containsExactly(
                        new LampReason(Lamp.RED, "switch", "switched off by night-shift at 14:02: provider outage"));
    }

    @Test
    void aSwitchFromAnotherDayShowsItsDate() {
        SwitchPosition position =
                new SwitchPosition(false, "contract ended", "admin", Instant.parse("2026-02-27T09:30:00Z"));

        LampReason reason = SwitchSignal.reason(position, NOW, ZoneId.of("Europe/Moscow"));

        assertThat(reason.text()).isEqualTo("switched off by admin at Feb 27 12:30: contract ended");
    }

    @Test
    void aSwitchedOnConnectorHasNoSwitchReason() {
        Switches switches = new Switches(MutableClock.start());
        switches.set("courier", true, "", "night-shift");

        assertThat(new SwitchSignal(switches, ZoneOffset.UTC).reasons("courier", NOW))
                .isEmpty();
        assertThat(new SwitchSignal(switches, ZoneOffset.UTC).reasons("never-switched", NOW))
                .isEmpty();
    }

    @Test
    void aClosedScheduleIsGreyInTheSchedulesOwnWords() {
        ScheduleStatus closed = new ScheduleStatus(
                false, Instant.parse("2026-03-09T06:00:00Z"), "closed until Mon 09:00 Europe/Moscow");
        ScheduleStatus open = new ScheduleStatus(true, null, "open until 21:00 Europe/Moscow");

        assertThat(ScheduleSignal.reasons(closed))
                .containsExactly(new LampReason(Lamp.GREY, "schedule", "closed until Mon 09:00 Europe/Moscow"));
        assertThat(ScheduleSignal.reasons(open)).isEmpty();
    }

    @Test
    void anOpenBreakerIsRedWithTheFailureRateAndTheNextProbe() {
        MutableClock clock = MutableClock.start();
        CircuitBreakerPolicy breaker = breaker(clock);
        fail(breaker, 4);
        clock.advance(Duration.ofSeconds(18));

        List<LampReason> reasons = CircuitSignal.reasons(breaker);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(reasons)
                .containsExactly(new LampReason(
                        Lamp.RED, "circuit-breaker", "circuit open after 100% failures; next probe in 12s"));
    }

    @Test
    void aHalfOpenBreakerIsYellowAndAClosedOneSaysNothing() {
        MutableClock clock = MutableClock.start();
        CircuitBreakerPolicy breaker = breaker(clock);
        List<LampReason> closed = CircuitSignal.reasons(breaker);
        fail(breaker, 4);
        clock.advance(Duration.ofSeconds(31));
        // The next call after the open time finds the breaker half-open; it is a probe, and it is still in flight.
        breaker.apply(
                ExchangeBuilder.of(HttpMethod.GET, "/parcels").build(),
                exchange -> Promise.<Outcome>promise().future());

        List<LampReason> halfOpen = CircuitSignal.reasons(breaker);

        assertThat(closed).isEmpty();
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(halfOpen).singleElement().satisfies(reason -> {
            assertThat(reason.lamp()).isEqualTo(Lamp.YELLOW);
            assertThat(reason.text()).startsWith("circuit half-open");
        });
    }

    private static CircuitBreakerPolicy breaker(MutableClock clock) {
        return CircuitBreakerPolicy.from(
                new CircuitBreakerConfig(
                        new Percentage(50), Duration.ofSeconds(30), 4, Duration.ofSeconds(30), 2, null),
                clock,
                clock::nanoTime);
    }

    /** Runs calls through the breaker that fail as an unreachable endpoint does. */
    private static void fail(CircuitBreakerPolicy breaker, int calls) {
        Outcome unreachable = new Outcome.Rejection(
                Problem.ofFailure(ErrorKind.UPSTREAM_UNREACHABLE, "refused", UpstreamFailure.CONNECT_FAILURE),
                "upstream");
        for (int i = 0; i < calls; i++) {
            breaker.apply(
                    ExchangeBuilder.of(HttpMethod.GET, "/parcels").build(),
                    exchange -> Future.succeededFuture(unreachable));
        }
    }
}

package io.switchboard.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Problem;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulePolicyTest {
    private static final Schedules COURIER =
            Schedules.in("Europe/Moscow").open("Mon-Fri 09:00-21:00", "Sat 10:00-18:00");

    /** The rest of the pipeline: counts the calls that reach it and answers with a marker. */
    private final AtomicInteger passed = new AtomicInteger();

    private final Outcome terminalAnswer =
            new Outcome.Rejection(Problem.of(ErrorKind.INTERNAL, "the terminal answered"), "terminal");
    private final Chain terminal = exchange -> {
        passed.incrementAndGet();
        return Future.succeededFuture(terminalAnswer);
    };

    @Test
    void passesCallsOnWhenOpen() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-11-30T12:00"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);

        Outcome outcome = call(policy);

        assertThat(outcome).isSameAs(terminalAnswer);
        assertThat(passed).hasValue(1);
    }

    @Test
    void answersClosedWithTheOpeningWhenClosed() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-12-05T19:00"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);

        Outcome outcome = call(policy);

        assertThat(passed).hasValue(0);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.producer()).isEqualTo("schedule");
            Problem problem = rejection.problem();
            assertThat(problem.kind()).isEqualTo(ErrorKind.CLOSED);
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.detail()).isEqualTo("connector 'courier' is closed until Mon 09:00 Europe/Moscow");
            // Sat 19:00 to Mon 09:00.
            assertThat(problem.retryAfter()).isEqualTo(Duration.ofHours(38));
            assertThat(problem.extensions())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "opensAt", "2026-12-07T06:00:00Z",
                            "opensAtLocal", "2026-12-07T09:00+03:00[Europe/Moscow]"));
        });
    }

    @Test
    void countsRetryAfterDownAsTimePasses() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-12-05T19:00"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);
        call(policy);
        clock.advance(Duration.ofHours(37).plusMinutes(59).plusSeconds(30));

        Outcome outcome = call(policy);

        assertThat(((Outcome.Rejection) outcome).problem().retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void opensAndClosesAsTheClockPassesTheChanges() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-11-30T08:59"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);
        int before = call(policy).status();
        clock.advance(Duration.ofMinutes(1));
        int atOpening = call(policy).status();
        clock.advance(Duration.ofHours(12).minusNanos(1));
        int beforeClosing = call(policy).status();
        clock.advance(Duration.ofNanos(1));

        int atClosing = call(policy).status();

        assertThat(new int[] {before, atOpening, beforeClosing, atClosing}).containsExactly(503, 500, 500, 503);
        assertThat(passed).hasValue(2);
    }

    @Test
    void answersAgainWhenTheClockGoesBack() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-11-30T12:00"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);
        call(policy);
        clock.advance(Duration.ofHours(-4));

        Outcome outcome = call(policy);

        assertThat(outcome.status()).isEqualTo(503);
    }

    @Test
    void countsRetryAfterInRealTimeAcrossTheSpringForwardNight() {
        Schedules berlin = Schedules.in("Europe/Berlin").open("Daily 09:00-21:00");
        MutableClock clock = MutableClock.at(berlin.at("2026-03-28T21:30"));
        SchedulePolicy policy = SchedulePolicy.from(berlin.config(), clock);

        Problem problem = ((Outcome.Rejection) call(policy)).problem();

        // Sat 21:30 CET to Sun 09:00 CEST is ten and a half hours, not eleven and a half.
        assertThat(problem.retryAfter()).isEqualTo(Duration.ofMinutes(10 * 60 + 30));
        assertThat(problem.detail()).isEqualTo("connector 'courier' is closed until Sun 09:00 Europe/Berlin");
        assertThat(problem.extensions()).containsEntry("opensAtLocal", "2026-03-29T09:00+02:00[Europe/Berlin]");
    }

    @Test
    void sendsNoRetryAfterWhenItNeverOpensAgain() {
        Schedules past = Schedules.in("Europe/Moscow").openOn("2026-12-30 10:00-16:00");
        MutableClock clock = MutableClock.at(past.at("2027-01-04T12:00"));
        SchedulePolicy policy = SchedulePolicy.from(past.config(), clock);

        Problem problem = ((Outcome.Rejection) call(policy)).problem();

        assertThat(problem.detail()).isEqualTo("connector 'courier' is closed with no opening within 2 years");
        assertThat(problem.retryAfter()).isNull();
        assertThat(problem.extensions()).isEmpty();
    }

    @Test
    void showsItsLiveStateForTheAdminApi() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-12-05T19:00"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);

        Map<String, Object> state = policy.liveState();

        assertThat(state)
                .containsExactly(
                        Map.entry("open", false),
                        Map.entry("nextChange", "2026-12-07T06:00:00Z"),
                        Map.entry("nextChangeLocal", "2026-12-07T09:00+03:00[Europe/Moscow]"),
                        Map.entry("reason", "closed until Mon 09:00 Europe/Moscow"),
                        Map.entry("zone", "Europe/Moscow"));
    }

    @Test
    void givesTheLampItsStatusNowAndAtOtherInstants() {
        MutableClock clock = MutableClock.at(COURIER.at("2026-11-30T12:00"));
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), clock);

        ScheduleStatus now = policy.status();
        ScheduleStatus tonight = policy.status(COURIER.at("2026-11-30T22:00"));

        assertThat(now)
                .isEqualTo(new ScheduleStatus(true, COURIER.at("2026-11-30T21:00"), "open until 21:00 Europe/Moscow"));
        assertThat(tonight)
                .isEqualTo(new ScheduleStatus(
                        false, COURIER.at("2026-12-01T09:00"), "closed until Tue 09:00 Europe/Moscow"));
    }

    @Test
    void isNamedSchedule() {
        SchedulePolicy policy = SchedulePolicy.from(COURIER.config(), MutableClock.start());

        assertThat(policy.name()).isEqualTo("schedule");
    }

    private Outcome call(SchedulePolicy policy) {
        Future<Outcome> future =
                policy.apply(ExchangeBuilder.of(HttpMethod.GET, "/orders").build(), terminal);
        assertThat(future.succeeded()).as("answered at once").isTrue();
        return future.result();
    }
}

package io.switchboard.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine, mostly in Europe/Moscow (no daylight saving since 2011) for the weekly rules, and in America/New_York and
 * Europe/Berlin for daylight-saving days. The week of 2026-11-30 runs from Monday the 30th to Sunday 2026-12-06.
 */
class ScheduleEngineTest {
    private static final Schedules COURIER =
            Schedules.in("Europe/Moscow").open("Mon-Fri 09:00-21:00", "Sat 10:00-18:00", "Fri 22:00-06:00");

    @ParameterizedTest(name = "at {0} ({1}) the courier is open: {2}")
    @CsvSource({
        "2026-11-30T08:59, Mon before the opening, false",
        "2026-11-30T09:00, Mon at the opening, true",
        "2026-11-30T20:59, Mon before the closing, true",
        "2026-11-30T21:00, Mon at the closing, false",
        "2026-12-04T21:30, Fri between the day and the night window, false",
        "2026-12-04T22:00, Fri at the night window's opening, true",
        "2026-12-05T00:00, Sat midnight inside the night window, true",
        "2026-12-05T05:59, Sat morning inside the night window, true",
        "2026-12-05T06:00, Sat at the night window's closing, false",
        "2026-12-05T09:59, Sat before its opening, false",
        "2026-12-05T10:00, Sat at its opening, true",
        "2026-12-05T18:00, Sat at its closing, false",
        "2026-12-06T12:00, Sun, false",
        "2026-12-07T00:30, Mon after midnight (Sun has no night window), false"
    })
    void answersWhetherItIsOpenAtAnInstant(String local, String when, boolean open) {
        ScheduleEngine engine = COURIER.engine();

        boolean answer = engine.isOpen(COURIER.at(local));

        assertThat(answer).as(when).isEqualTo(open);
    }

    @ParameterizedTest(name = "after {0} the courier next opens at {1} and next closes at {2}")
    @CsvSource({
        "2026-11-30T08:00, 2026-11-30T09:00, 2026-11-30T21:00",
        "2026-11-30T09:00, 2026-12-01T09:00, 2026-11-30T21:00",
        "2026-11-30T12:00, 2026-12-01T09:00, 2026-11-30T21:00",
        "2026-12-04T21:00, 2026-12-04T22:00, 2026-12-05T06:00",
        "2026-12-04T23:00, 2026-12-05T10:00, 2026-12-05T06:00",
        "2026-12-05T07:00, 2026-12-05T10:00, 2026-12-05T18:00",
        "2026-12-05T18:00, 2026-12-07T09:00, 2026-12-07T21:00",
        "2026-12-06T23:59, 2026-12-07T09:00, 2026-12-07T21:00"
    })
    void findsTheNextOpeningAndClosing(String local, String opening, String closing) {
        ScheduleEngine engine = COURIER.engine();
        Instant at = COURIER.at(local);

        Optional<Instant> nextOpening = engine.nextOpening(at);
        Optional<Instant> nextClosing = engine.nextClosing(at);

        assertThat(nextOpening).contains(COURIER.at(opening));
        assertThat(nextClosing).contains(COURIER.at(closing));
    }

    @ParameterizedTest(name = "a Sun 22:00-02:00 window at {0} is open: {1}, next closing {2}")
    @CsvSource({
        "2026-12-06T21:59, false, 2026-12-07T02:00",
        "2026-12-06T22:00, true, 2026-12-07T02:00",
        "2026-12-07T01:59, true, 2026-12-07T02:00",
        "2026-12-07T02:00, false, 2026-12-14T02:00"
    })
    void runsAnOvernightWindowAcrossTheEndOfTheWeek(String local, boolean open, String closing) {
        Schedules schedule = Schedules.in("Europe/Moscow").open("Sun 22:00-02:00");
        ScheduleEngine engine = schedule.engine();

        Instant at = schedule.at(local);

        assertThat(engine.isOpen(at)).isEqualTo(open);
        assertThat(engine.nextClosing(at)).contains(schedule.at(closing));
    }

    @Test
    void mergesOverlappingAndTouchingWindowsIntoOneOpenPeriod() {
        Schedules schedule = Schedules.in("Europe/Moscow")
                .open("Mon 09:00-13:00", "Mon 12:00-18:00", "Mon 18:00-20:00", "Mon 22:00-24:00", "Tue 00:00-06:00");
        ScheduleEngine engine = schedule.engine();

        Optional<Instant> dayClosing = engine.nextClosing(schedule.at("2026-11-30T10:00"));
        Optional<Instant> nightClosing = engine.nextClosing(schedule.at("2026-11-30T23:00"));
        Optional<Instant> opening = engine.nextOpening(schedule.at("2026-11-30T10:00"));

        assertThat(dayClosing).contains(schedule.at("2026-11-30T20:00"));
        assertThat(nightClosing).contains(schedule.at("2026-12-01T06:00"));
        assertThat(opening).contains(schedule.at("2026-11-30T22:00"));
    }

    @ParameterizedTest(name = "Daily 00:00-24:00 in {0} is open for good")
    @CsvSource({
        // Berlin changes its clocks at night; Santiago and Havana change them at midnight, so a day there may start
        // at 01:00 or see 23:00-24:00 twice.
        "Europe/Berlin",
        "America/Santiago",
        "America/Havana"
    })
    void isAlwaysOpenForAWholeDayEveryDay(String zone) {
        Schedules schedule = Schedules.in(zone).open("Daily 00:00-24:00");
        ScheduleEngine engine = schedule.engine();
        Instant at = schedule.at("2026-03-29T02:30");

        ScheduleStatus status = engine.status(at);

        assertThat(status).isEqualTo(new ScheduleStatus(true, null, "open with no closing within 2 years"));
        assertThat(engine.nextOpening(at)).isEmpty();
        assertThat(engine.nextClosing(at)).isEmpty();
    }

    @Test
    void neverOpensWhenItsOnlyWindowIsPast() {
        Schedules schedule = Schedules.in("Europe/Moscow").openOn("2026-12-30 10:00-16:00");
        ScheduleEngine engine = schedule.engine();
        Instant at = schedule.at("2027-01-01T12:00");

        ScheduleStatus status = engine.status(at);

        assertThat(status).isEqualTo(new ScheduleStatus(false, null, "closed with no opening within 2 years"));
        assertThat(engine.nextOpening(at)).isEmpty();
        assertThat(engine.nextClosing(at)).isEmpty();
    }

    @Test
    void looksNoFurtherThanTwoYearsAhead() {
        Schedules schedule = Schedules.in("Europe/Moscow").openOn("2028-12-01 10:00-16:00", "2030-01-01 10:00-16:00");
        ScheduleEngine engine = schedule.engine();

        Optional<Instant> within = engine.nextOpening(schedule.at("2026-12-02T00:00"));
        Optional<Instant> beyond = engine.nextOpening(schedule.at("2026-11-30T00:00"));

        assertThat(within).contains(schedule.at("2028-12-01T10:00"));
        assertThat(beyond).isEmpty();
    }

    /** Daily 09:00-21:00 and a night window Wed 22:00-06:00; Thu 2026-12-31 is closed, Wed 2026-12-30 a short day. */
    private static final Schedules HOLIDAYS = Schedules.in("Europe/Moscow")
            .open("Daily 09:00-21:00", "Wed,Thu 22:00-06:00")
            .closedOn("2026-12-31", "2027-01-01")
            .openOn("2026-12-30 10:00-16:00", "2027-01-01 12:00-14:00", "2027-01-01 22:00-02:00");

    @ParameterizedTest(name = "at {0} ({1}) the courier is open: {2}")
    @CsvSource({
        "2026-12-23T22:30, an ordinary Wed night, true",
        "2026-12-30T09:30, the short day before its dated window, false",
        "2026-12-30T10:00, the short day's dated window, true",
        "2026-12-30T16:00, the short day after its dated window, false",
        "2026-12-30T20:00, the short day in its usual hours, false",
        "2026-12-30T23:00, the short day's usual night window, false",
        "2026-12-31T12:00, the closed date in its usual hours, false",
        "2026-12-31T23:00, the closed date's usual night window, false",
        "2027-01-01T09:30, a closed date with dated windows before them, false",
        "2027-01-01T13:00, a closed date in its dated window, true",
        "2027-01-01T23:00, a closed date's overnight dated window, true",
        "2027-01-02T01:59, the overnight dated window on the next date, true",
        "2027-01-02T02:00, after the overnight dated window, false",
        "2027-01-02T09:00, the next ordinary date, true"
    })
    void appliesClosedDatesAndDatedWindowsToTheDateTheyStartOn(String local, String when, boolean open) {
        ScheduleEngine engine = HOLIDAYS.engine();

        boolean answer = engine.isOpen(HOLIDAYS.at(local));

        assertThat(answer).as(when).isEqualTo(open);
    }

    @Test
    void keepsTheNightWindowOfTheDayBeforeAClosedDateOpenToItsEnd() {
        Schedules schedule =
                Schedules.in("Europe/Moscow").open("Wed 22:00-06:00").closedOn("2026-12-31");
        ScheduleEngine engine = schedule.engine();

        boolean open = engine.isOpen(schedule.at("2026-12-31T05:00"));
        Optional<Instant> closing = engine.nextClosing(schedule.at("2026-12-31T05:00"));

        assertThat(open).isTrue();
        assertThat(closing).contains(schedule.at("2026-12-31T06:00"));
    }

    @Test
    void skipsClosedDatesWhenLookingForTheNextOpening() {
        ScheduleEngine engine = HOLIDAYS.engine();

        Optional<Instant> opening = engine.nextOpening(HOLIDAYS.at("2026-12-30T16:00"));

        assertThat(opening).contains(HOLIDAYS.at("2027-01-01T12:00"));
    }

    /*
     * Daylight saving. America/New_York in 2026: clocks jump from 02:00 to 03:00 on Sunday 8 March (02:00-03:00 never
     * happens) and fall back from 02:00 to 01:00 on Sunday 1 November (01:00-02:00 happens twice). Instants are in UTC:
     * EST is UTC-5, EDT UTC-4.
     */

    @ParameterizedTest(name = "Sun 01:00-03:00 on {0}: open from {1} to {2}")
    @CsvSource({
        "the spring-forward day (one real hour), 2026-03-08T06:00:00Z, 2026-03-08T07:00:00Z",
        "an ordinary Sunday, 2026-03-15T05:00:00Z, 2026-03-15T07:00:00Z",
        "the fall-back day (from the first 01:00: three real hours), 2026-11-01T05:00:00Z, 2026-11-01T08:00:00Z"
    })
    void keepsWallClockTimesAcrossDaylightSavingChanges(String day, Instant opening, Instant closing) {
        ScheduleEngine engine =
                Schedules.in("America/New_York").open("Sun 01:00-03:00").engine();

        Optional<Instant> opens = engine.nextOpening(opening.minusSeconds(60));
        Optional<Instant> closes = engine.nextClosing(opening);

        assertThat(opens).as(day).contains(opening);
        assertThat(closes).as(day).contains(closing);
    }

    @Test
    void opensAtTheEndOfTheSkippedHourWhenTheStartDoesNotExist() {
        ScheduleEngine engine =
                Schedules.in("America/New_York").open("Sun 02:30-05:00").engine();

        Optional<Instant> opening = engine.nextOpening(Instant.parse("2026-03-08T05:00:00Z"));

        // 03:00 EDT, the first wall-clock time after the jump.
        assertThat(opening).contains(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void skipsAWindowThatLiesWhollyInTheSkippedHour() {
        ScheduleEngine engine =
                Schedules.in("America/New_York").open("Sun 02:15-02:45").engine();

        Optional<Instant> opening = engine.nextOpening(Instant.parse("2026-03-08T05:00:00Z"));

        // The next Sunday's 02:15 EDT.
        assertThat(opening).contains(Instant.parse("2026-03-15T06:15:00Z"));
    }

    @ParameterizedTest(name = "on the fall-back night at {0} ({1}) a Sun 00:00-01:30 window is open: {2}")
    @CsvSource({
        "2026-11-01T05:15:00Z, the first 01:15 EDT, true",
        "2026-11-01T06:15:00Z, the second 01:15 EST, true",
        "2026-11-01T06:30:00Z, the second 01:30 EST, false"
    })
    void closesAtTheLastTimeTheClockShowsTheEndOnAFallBackNight(Instant at, String when, boolean open) {
        ScheduleEngine engine =
                Schedules.in("America/New_York").open("Sun 00:00-01:30").engine();

        boolean answer = engine.isOpen(at);

        assertThat(answer).as(when).isEqualTo(open);
    }

    @Test
    void runsAnOvernightWindowAcrossTheFallBackChangeForItsFullWallClockLength() {
        ScheduleEngine engine =
                Schedules.in("America/New_York").open("Sat 22:00-06:00").engine();

        // Sat 22:00 EDT to Sun 06:00 EST: nine real hours.
        Optional<Instant> closing = engine.nextClosing(Instant.parse("2026-11-01T02:00:00Z"));

        assertThat(closing).contains(Instant.parse("2026-11-01T11:00:00Z"));
    }

    @Test
    void countsTheShorterNightWhenTheClocksGoForward() {
        Schedules schedule = Schedules.in("Europe/Berlin").open("Daily 09:00-21:00");
        ScheduleEngine engine = schedule.engine();

        // Sat 21:00 CET (UTC+1) to Sun 09:00 CEST (UTC+2): eleven real hours.
        Optional<Instant> opening = engine.nextOpening(schedule.at("2026-03-28T21:00"));

        assertThat(opening).contains(Instant.parse("2026-03-29T07:00:00Z"));
    }

    @ParameterizedTest(name = "at {0} the reason is \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-12-05T19:00 | closed until Mon 09:00 Europe/Moscow",
                "2026-11-30T08:00 | closed until 09:00 Europe/Moscow",
                "2026-11-30T12:00 | open until 21:00 Europe/Moscow",
                "2026-12-04T23:00 | open until Sat 06:00 Europe/Moscow"
            })
    void explainsItsStatusInWords(String local, String reason) {
        ScheduleEngine engine = COURIER.engine();

        ScheduleStatus status = engine.status(COURIER.at(local));

        assertThat(status.reason()).isEqualTo(reason);
    }

    @Test
    void namesTheDateOfAnOpeningMoreThanSixDaysAhead() {
        Schedules schedule = Schedules.in("Europe/Moscow").openOn("2027-01-15 10:00-16:00");

        ScheduleStatus status = schedule.engine().status(schedule.at("2026-12-01T12:00"));

        assertThat(status)
                .isEqualTo(new ScheduleStatus(
                        false, schedule.at("2027-01-15T10:00"), "closed until Fri 2027-01-15 10:00 Europe/Moscow"));
    }

    @Test
    void namesTheOffsetOfATimeThatHappensTwice() {
        ScheduleEngine engine =
                Schedules.in("America/New_York").open("Sun 00:00-01:30").engine();

        ScheduleStatus status = engine.status(Instant.parse("2026-11-01T04:30:00Z"));

        assertThat(status.reason()).isEqualTo("open until 01:30 America/New_York (UTC-05:00)");
    }
}

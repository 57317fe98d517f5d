package io.switchboard.config;

import static io.switchboard.config.TestYaml.connector;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderScheduleTest {
    private static final String DAYS = "days such as Mon-Fri, Sat-Mon, Mon,Wed,Fri or Daily before the times";
    private static final String TIMES = "times as HH:MM-HH:MM, such as 09:00-21:00, 22:00-06:00 or 00:00-24:00";

    /** A connector {@code courier} whose schedule has the given lines, the first of them on line 5 at column 7. */
    private static String scheduleWith(String... lines) {
        return """
                connectors:
                  courier:
                    upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
                    schedule:
                """ + Arrays.stream(lines).map(line -> "      " + line + "\n").collect(Collectors.joining());
    }

    private static ScheduleConfig schedule(String yaml) {
        return Objects.requireNonNull(connector(yaml).schedule());
    }

    @Test
    void readsTheScheduleOfTheDesignSample() {
        String yaml = scheduleWith(
                "zone: Europe/Moscow",
                "open: [ \"Mon-Fri 09:00-21:00\", \"Sat 10:00-18:00\", \"Fri 22:00-06:00\" ]",
                "closed-on: [ 2026-12-31, 2027-01-01 ]",
                "open-on: [ \"2026-12-30 10:00-16:00\" ]");

        ScheduleConfig schedule = schedule(yaml);

        assertThat(schedule)
                .isEqualTo(new ScheduleConfig(
                        ZoneId.of("Europe/Moscow"),
                        List.of(
                                new ScheduleConfig.WeeklyWindow(
                                        Set.of(
                                                DayOfWeek.MONDAY,
                                                DayOfWeek.TUESDAY,
                                                DayOfWeek.WEDNESDAY,
                                                DayOfWeek.THURSDAY,
                                                DayOfWeek.FRIDAY),
                                        LocalTime.of(9, 0),
                                        LocalTime.of(21, 0),
                                        "Mon-Fri 09:00-21:00"),
                                new ScheduleConfig.WeeklyWindow(
                                        Set.of(DayOfWeek.SATURDAY),
                                        LocalTime.of(10, 0),
                                        LocalTime.of(18, 0),
                                        "Sat 10:00-18:00"),
                                new ScheduleConfig.WeeklyWindow(
                                        Set.of(DayOfWeek.FRIDAY),
                                        LocalTime.of(22, 0),
                                        LocalTime.of(6, 0),
                                        "Fri 22:00-06:00")),
                        List.of(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1)),
                        List.of(new ScheduleConfig.DatedWindow(
                                LocalDateTime.of(2026, 12, 30, 10, 0),
                                LocalDateTime.of(2026, 12, 30, 16, 0),
                                "2026-12-30 10:00-16:00"))));
    }

    @Test
    void hasNoScheduleWhenTheKeyIsAbsent() {
        ConnectorConfig connector = connector("""
                connectors:
                  courier:
                    upstream: { endpoints: [ "http://10.0.0.5:9000" ] }
                """);

        assertThat(connector.schedule()).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" opens on {1} from {2} to {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Mon-Fri 09:00-21:00         | Mon Tue Wed Thu Fri         | 09:00 | 21:00",
                "Sat 10:00-18:00             | Sat                         | 10:00 | 18:00",
                "Fri 22:00-06:00             | Fri                         | 22:00 | 06:00",
                "Mon,Wed,Fri 08:00-12:00     | Mon Wed Fri                 | 08:00 | 12:00",
                "Sat-Mon 10:00-14:00         | Sat Sun Mon                 | 10:00 | 14:00",
                "Fri-Thu 10:00-14:00         | Mon Tue Wed Thu Fri Sat Sun | 10:00 | 14:00",
                "Mon, Wed-Fri, Sun 8:30-9:45 | Mon Wed Thu Fri Sun         | 08:30 | 09:45",
                "Daily 00:00-24:00           | Mon Tue Wed Thu Fri Sat Sun | 00:00 | 00:00",
                "daily 18:00-24:00           | Mon Tue Wed Thu Fri Sat Sun | 18:00 | 00:00",
                "Mon-Sun 00:00-24:00         | Mon Tue Wed Thu Fri Sat Sun | 00:00 | 00:00",
                "MON-fri 09:00-21:00         | Mon Tue Wed Thu Fri         | 09:00 | 21:00",
                "Monday - Friday 09:00 - 21:00 | Mon Tue Wed Thu Fri       | 09:00 | 21:00",
                "Sun 22:00-02:00             | Sun                         | 22:00 | 02:00",
                "Tue 00:00-00:30             | Tue                         | 00:00 | 00:30"
            })
    void readsWeeklyWindows(String text, String days, LocalTime from, LocalTime to) {
        String yaml = scheduleWith("zone: Europe/Moscow", "open: [ \"" + text + "\" ]");

        ScheduleConfig.WeeklyWindow window = schedule(yaml).open().get(0);

        assertThat(window).isEqualTo(new ScheduleConfig.WeeklyWindow(daysOf(days), from, to, text.strip()));
    }

    @Test
    void readsWindowsWrittenWithoutQuotes() {
        String yaml = scheduleWith(
                "zone: Europe/Berlin",
                "open:",
                "  - Mon-Fri 09:00-21:00",
                "  - Sat 10:00-18:00",
                "open-on:",
                "  - 2026-12-30 10:00-16:00");

        ScheduleConfig schedule = schedule(yaml);

        assertThat(schedule.open())
                .extracting(ScheduleConfig.WeeklyWindow::text)
                .containsExactly("Mon-Fri 09:00-21:00", "Sat 10:00-18:00");
        assertThat(schedule.openOn())
                .extracting(ScheduleConfig.DatedWindow::text)
                .containsExactly("2026-12-30 10:00-16:00");
    }

    @Test
    void readsWindowsInAFlowListWithoutQuotes() {
        String yaml = scheduleWith("zone: Europe/Berlin", "open: [ Mon-Fri 09:00-21:00, Sat 10:00-18:00 ]");

        ScheduleConfig schedule = schedule(yaml);

        assertThat(schedule.open())
                .extracting(ScheduleConfig.WeeklyWindow::text)
                .containsExactly("Mon-Fri 09:00-21:00", "Sat 10:00-18:00");
    }

    @ParameterizedTest(name = "\"{0}\" opens from {1} to {2}")
    @CsvSource({
        "2026-12-30 10:00-16:00, 2026-12-30T10:00, 2026-12-30T16:00",
        "2026-12-31 22:00-06:00, 2026-12-31T22:00, 2027-01-01T06:00",
        "2026-12-30 18:00-24:00, 2026-12-30T18:00, 2026-12-31T00:00",
        "2026-12-30 00:00-24:00, 2026-12-30T00:00, 2026-12-31T00:00"
    })
    void readsDatedWindows(String text, LocalDateTime from, LocalDateTime to) {
        String yaml = scheduleWith("zone: Europe/Moscow", "open-on: [ \"" + text + "\" ]");

        ScheduleConfig.DatedWindow window = schedule(yaml).openOn().get(0);

        assertThat(window).isEqualTo(new ScheduleConfig.DatedWindow(from, to, text));
    }

    @ParameterizedTest(name = "zone {0} is accepted")
    @CsvSource({"Europe/Moscow", "America/New_York", "UTC", "+03:00", "Asia/Kolkata"})
    void acceptsAnyJavaZoneId(String zone) {
        String yaml = scheduleWith("zone: \"" + zone + "\"", "open: [ \"Daily 00:00-24:00\" ]");

        assertThat(schedule(yaml).zone()).isEqualTo(ZoneId.of(zone));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "Mon-Fri                  | " + TIMES,
                "09:00-21:00              | " + DAYS + ", as in Mon-Fri 09:00-21:00",
                "''                       | " + DAYS + ", as in Mon-Fri 09:00-21:00",
                "Mon-Fir 09:00-21:00      | " + DAYS + ", and \"Fir\" is no day name; did you mean \"Fri\"?",
                "Weekdays 09:00-21:00     | " + DAYS + ", and \"Weekdays\" is no day name",
                "Mon-Wed-Fri 09:00-21:00  | " + DAYS + ", and \"Mon-Wed-Fri\" is no day or range",
                "Mon,,Fri 09:00-21:00     | " + DAYS + ", and a day is missing",
                "Daily,Sat 09:00-21:00    | Daily alone, or " + DAYS,
                "Mon-Fri 9-21             | " + TIMES,
                "Mon-Fri 09:00            | " + TIMES,
                "Mon-Fri 09:00-21:00-23:00 | " + TIMES,
                "Mon-Fri 09:00-25:00      | " + TIMES + ", with hours 00 to 23 and minutes 00 to 59",
                "Mon-Fri 09:60-21:00      | " + TIMES + ", with hours 00 to 23 and minutes 00 to 59",
                "Mon-Fri 9h-21h           | " + TIMES,
                "Mon 24:00-06:00          | a start before 24:00; 24:00 only ends a window, as in 18:00-24:00",
                "Mon 09:00-09:00          | an end other than the start; a whole day is 00:00-24:00",
                "Mon 09:00-21:00 UTC      | " + TIMES
            })
    void refusesInvalidWeeklyWindowsSayingWhatIsExpected(String text, String expected) {
        String yaml = scheduleWith("zone: Europe/Moscow", "open: [ \"" + text + "\" ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:6:15: connectors.courier.schedule.open[0]: \"" + text
                        + "\" (expected: " + expected + ")");
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-12-30               | a dated window of an ISO date and times, such as 2026-12-30 10:00-16:00",
                "30.12.2026 10:00-16:00   | a dated window of an ISO date and times, such as 2026-12-30 10:00-16:00",
                "Wed 10:00-16:00          | a dated window of an ISO date and times, such as 2026-12-30 10:00-16:00",
                "2026-02-30 10:00-16:00   | a date that exists, then times, such as 2026-12-30 10:00-16:00",
                "2026-12-30 10:00         | " + TIMES,
                "2026-12-30 16:00-16:00   | an end other than the start; a whole day is 00:00-24:00"
            })
    void refusesInvalidDatedWindowsSayingWhatIsExpected(String text, String expected) {
        String yaml = scheduleWith("zone: Europe/Moscow", "open-on: [ \"" + text + "\" ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:6:18: connectors.courier.schedule.open-on[0]: \"" + text
                        + "\" (expected: " + expected + ")");
    }

    @ParameterizedTest(name = "closed-on {0} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "31.12.2026 | an ISO date such as 2026-12-31",
                "2026-12    | an ISO date such as 2026-12-31",
                "Dec 31     | an ISO date such as 2026-12-31",
                "2026-02-30 | a date that exists, such as 2026-12-31",
                "2026-13-01 | a date that exists, such as 2026-12-31"
            })
    void refusesInvalidClosedDates(String text, String expected) {
        String yaml =
                scheduleWith("zone: Europe/Moscow", "open: [ \"Daily 09:00-21:00\" ]", "closed-on: [ " + text + " ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:7:20: connectors.courier.schedule.closed-on[0]: \"" + text
                        + "\" (expected: " + expected + ")");
    }

    @Test
    void refusesAClosedDateWrittenTwice() {
        String yaml = scheduleWith(
                "zone: Europe/Moscow", "open: [ \"Daily 09:00-21:00\" ]", "closed-on: [ 2026-12-31, 2026-12-31 ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:7:32: connectors.courier.schedule.closed-on[1]: \"2026-12-31\""
                        + " (expected: each item once; it repeats [0])");
    }

    @Test
    void refusesAZoneJavaDoesNotKnowAndSuggestsTheNearest() {
        String yaml = scheduleWith("zone: Europe/Moskow", "open: [ \"Daily 09:00-21:00\" ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:13: connectors.courier.schedule.zone: \"Europe/Moskow\""
                        + " (expected: a time zone such as Europe/Moscow, America/New_York or UTC; did you mean"
                        + " \"Europe/Moscow\"?)");
    }

    @Test
    void needsAZone() {
        String yaml = scheduleWith("open: [ \"Daily 09:00-21:00\" ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:7: connectors.courier.schedule.zone: missing key (expected: a time"
                        + " zone such as Europe/Moscow, America/New_York or UTC)");
    }

    @Test
    void refusesAScheduleWithoutWindows() {
        String yaml = scheduleWith("zone: Europe/Moscow", "closed-on: [ 2026-12-31 ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:7: connectors.courier.schedule: a schedule without open or open-on"
                        + " windows (expected: at least one window, such as open: [ \"Mon-Fri 09:00-21:00\" ]; a"
                        + " connector that never opens is switched off instead)");
    }

    @Test
    void refusesWindowsThatAreNoList() {
        String yaml = scheduleWith("zone: Europe/Moscow", "open: Mon-Fri 09:00-21:00");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:6:13: connectors.courier.schedule.open: \"Mon-Fri 09:00-21:00\""
                        + " (expected: a list of weekly windows, such as [ \"Mon-Fri 09:00-21:00\","
                        + " \"Sat 10:00-18:00\" ])");
    }

    @Test
    void suggestsTheNearestKeyForAnUnknownOne() {
        String yaml =
                scheduleWith("zone: Europe/Moscow", "open: [ \"Daily 09:00-21:00\" ]", "close-on: [ 2026-12-31 ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:7:7: connectors.courier.schedule.close-on: unknown key (expected: one"
                                + " of zone, open, closed-on, open-on; did you mean \"closed-on\"?)");
    }

    @Test
    void reportsEveryInvalidWindowAtOnceAtItsOwnLineAndColumn() {
        String yaml = scheduleWith(
                "zone: Europe/Moscow",
                "open:",
                "  - \"Mon-Fri 09:00-21:00\"",
                "  - \"Sat 10:00-1800\"",
                "  - \"Sun 10:00-16:00\"",
                "  - \"Fri 25:00-06:00\"",
                "closed-on: [ 2026-12-31, 2027-13-01 ]",
                "open-on: [ \"2026-12-30 10:00-16:00\", \"2026-12-29\" ]");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:8:11: connectors.courier.schedule.open[1]: \"Sat 10:00-1800\" (expected: "
                                + TIMES + ")",
                        "switchboard.yaml:10:11: connectors.courier.schedule.open[3]: \"Fri 25:00-06:00\" (expected: "
                                + TIMES + ", with hours 00 to 23 and minutes 00 to 59)",
                        "switchboard.yaml:11:32: connectors.courier.schedule.closed-on[1]: \"2027-13-01\" (expected: a"
                                + " date that exists, such as 2026-12-31)",
                        "switchboard.yaml:12:44: connectors.courier.schedule.open-on[1]: \"2026-12-29\" (expected: a"
                                + " dated window of an ISO date and times, such as 2026-12-30 10:00-16:00)");
    }

    private static Set<DayOfWeek> daysOf(String names) {
        return Arrays.stream(names.strip().split(" "))
                .map(name -> Arrays.stream(DayOfWeek.values())
                        .filter(day -> day.name().startsWith(name.toUpperCase(Locale.ROOT)))
                        .findFirst()
                        .orElseThrow())
                .collect(Collectors.toSet());
    }
}

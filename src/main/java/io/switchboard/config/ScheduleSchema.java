package io.switchboard.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The keys of {@code schedule:} and the syntax of its windows.
 *
 * <p>A weekly window is days, then times: {@code Mon-Fri 09:00-21:00}. Days are names {@code Mon} to {@code Sun} (or
 * written out, {@code Monday}; any case), ranges that may wrap past Sunday ({@code Sat-Mon}), lists of both
 * ({@code Mon,Wed,Fri-Sun}), or {@code Daily}. Times are {@code HH:MM-HH:MM}; {@code 24:00} ends a day, and an end not
 * after the start runs overnight into the next day. A dated window is an ISO date, then times:
 * {@code 2026-12-30 10:00-16:00}.
 */
final class ScheduleSchema {
    private static final String WEEKLY_EXPECTED =
            "a weekly window of days and times, such as Mon-Fri 09:00-21:00, Sat 10:00-18:00 or Fri 22:00-06:00";
    private static final String DATED_EXPECTED =
            "a dated window of an ISO date and times, such as 2026-12-30 10:00-16:00";
    private static final String DAYS_EXPECTED = "days such as Mon-Fri, Sat-Mon, Mon,Wed,Fri or Daily before the times";
    private static final String TIMES_EXPECTED =
            "times as HH:MM-HH:MM, such as 09:00-21:00, 22:00-06:00 or 00:00-24:00";
    private static final String ZONE_EXPECTED = "a time zone such as Europe/Moscow, America/New_York or UTC";

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Day names as written, lowercase: the three-letter abbreviation and the full English name. */
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    private static final List<String> SHORT_DAY_NAMES =
            List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Daily");

    private static final ValueType<ZoneId> ZONE = ValueType.scalar(ZONE_EXPECTED, ScheduleSchema::zone);

    private static final ValueType<List<ScheduleConfig.WeeklyWindow>> OPEN = ValueType.listOf(
            "a list of weekly windows, such as [ \"Mon-Fri 09:00-21:00\", \"Sat 10:00-18:00\" ]",
            ValueType.scalar(WEEKLY_EXPECTED, ScheduleSchema::weekly),
            0);

    private static final ValueType<List<LocalDate>> CLOSED_ON = ValueType.distinctListOf(
            "a list of ISO dates, such as [ 2026-12-31, 2027-01-01 ]",
            ValueType.scalar("an ISO date such as 2026-12-31", ScheduleSchema::date),
            0);

    private static final ValueType<List<ScheduleConfig.DatedWindow>> OPEN_ON = ValueType.listOf(
            "a list of dated windows, such as [ \"2026-12-30 10:00-16:00\" ]",
            ValueType.scalar(DATED_EXPECTED, ScheduleSchema::dated),
            0);

    /** The type of the {@code schedule:} mapping. */
    static final ValueType<ScheduleConfig> SCHEDULE = ValueType.section(
            "a mapping such as { zone: Europe/Moscow, open: [ \"Mon-Fri 09:00-21:00\" ] }", ScheduleSchema::schedule);

    private ScheduleSchema() {}

    private static @Nullable ScheduleConfig schedule(Section section) {
        ZoneId zone = section.required("zone", ZONE);
        List<ScheduleConfig.WeeklyWindow> open = section.optional("open", OPEN, List.of());
        List<LocalDate> closedOn = section.optional("closed-on", CLOSED_ON, List.of());
        List<ScheduleConfig.DatedWindow> openOn = section.optional("open-on", OPEN_ON, List.of());

        // Windows that are written but wrong have been reported already; only a schedule with none written is this.
        if (!isWritten(section, "open") && !isWritten(section, "open-on")) {
            section.report("a schedule without open or open-on windows (expected: at least one window, such as"
                    + " open: [ \"Mon-Fri 09:00-21:00\" ]; a connector that never opens is switched off instead)");
        }
        return zone == null ? null : new ScheduleConfig(zone, open, closedOn, openOn);
    }

    /** Returns whether the key has a value other than nothing or an empty list. */
    private static boolean isWritten(Section section, String key) {
        return section.entry(key)
                .map(entry -> !ValueText.isEmpty(entry.valueNode())
                        && !(entry.valueNode() instanceof SequenceNode sequence
                                && sequence.getValue().isEmpty()))
                .orElse(false);
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new UnexpectedValue(ZONE_EXPECTED + DidYouMean.hint(text.strip(), ZoneId.getAvailableZoneIds()));
        }
    }

    private static LocalDate date(String text) {
        String trimmed = text.strip();
        if (!DATE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a date");
        }
        try {
            return LocalDate.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new UnexpectedValue("a date that exists, such as 2026-12-31");
        }
    }

    /** Parses a weekly window such as {@code Mon-Fri 09:00-21:00}. */
    static ScheduleConfig.WeeklyWindow weekly(String text) {
        String trimmed = text.strip();
        int timesAt = firstDigit(trimmed);
        String days = timesAt < 0 ? trimmed : trimmed.substring(0, timesAt).strip();
        if (days.isEmpty()) {
            throw new UnexpectedValue(DAYS_EXPECTED + ", as in Mon-Fri 09:00-21:00");
        }
        Set<DayOfWeek> parsedDays = days(days);
        if (timesAt < 0) {
            throw new UnexpectedValue(TIMES_EXPECTED);
        }
        LocalTime[] times = times(trimmed.substring(timesAt));
        return new ScheduleConfig.WeeklyWindow(parsedDays, times[0], times[1], trimmed);
    }

    /** Parses a dated window such as {@code 2026-12-30 10:00-16:00}. */
    static ScheduleConfig.DatedWindow dated(String text) {
        String trimmed = text.strip();
        String[] parts = trimmed.split("\\s+", 2);
        if (parts.length < 2 || !DATE.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("not a dated window");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(parts[0]);
        } catch (DateTimeParseException e) {
            throw new UnexpectedValue("a date that exists, then times, such as 2026-12-30 10:00-16:00");
        }
        LocalTime[] times = times(parts[1]);
        LocalDateTime from = date.atTime(times[0]);
        LocalDateTime to = (times[1].isAfter(times[0]) ? date : date.plusDays(1)).atTime(times[1]);
        return new ScheduleConfig.DatedWindow(from, to, trimmed);
    }

    private static int firstDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Set<DayOfWeek> days(String text) {
        if (text.equalsIgnoreCase("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",", -1)) {
            String[] ends = item.split("-", -1);
            if (ends.length > 2) {
                throw new UnexpectedValue(DAYS_EXPECTED + ", and \"" + item.strip() + "\" is no day or range");
            }
            DayOfWeek first = day(ends[0]);
            DayOfWeek last = ends.length == 2 ? day(ends[1]) : first;
            // A range runs forward through the week and may wrap past Sunday: Sat-Mon is Sat, Sun, Mon.
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        String name = text.strip();
        if (name.equalsIgnoreCase("daily")) {
            throw new UnexpectedValue("Daily alone, or " + DAYS_EXPECTED);
        }
        DayOfWeek day = DAY_NAMES.get(name.toLowerCase(Locale.ROOT));
        if (day == null) {
            if (name.isEmpty()) {
                throw new UnexpectedValue(DAYS_EXPECTED + ", and a day is missing");
            }
            throw new UnexpectedValue(
                    DAYS_EXPECTED + ", and \"" + name + "\" is no day name" + DidYouMean.hint(name, SHORT_DAY_NAMES));
        }
        return day;
    }

    /** Returns the start and the end; an end not after the start means the next day, and 24:00 is midnight. */
    private static LocalTime[] times(String text) {
        String[] ends = text.split("-", -1);
        if (ends.length != 2) {
            throw new UnexpectedValue(TIMES_EXPECTED);
        }
        int from = minuteOfDay(ends[0]);
        int to = minuteOfDay(ends[1]);
        if (from == 24 * 60) {
            throw new UnexpectedValue("a start before 24:00; 24:00 only ends a window, as in 18:00-24:00");
        }
        if (from == to) {
            throw new UnexpectedValue("an end other than the start; a whole day is 00:00-24:00");
        }
        return new LocalTime[] {LocalTime.ofSecondOfDay(from * 60L), LocalTime.ofSecondOfDay(to % (24 * 60) * 60L)};
    }

    private static int minuteOfDay(String text) {
        Matcher matcher = TIME.matcher(text.strip());
        if (!matcher.matches()) {
            throw new UnexpectedValue(TIMES_EXPECTED);
        }
        int hour = Integer.parseInt(matcher.group(1));
        int minute = Integer.parseInt(matcher.group(2));
        if (minute > 59 || hour > 24 || (hour == 24 && minute > 0)) {
            throw new UnexpectedValue(TIMES_EXPECTED + ", with hours 00 to 23 and minutes 00 to 59");
        }
        return hour * 60 + minute;
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            names.put(full.substring(0, 3), day);
            names.put(full, day);
        }
        return Map.copyOf(names);
    }
}

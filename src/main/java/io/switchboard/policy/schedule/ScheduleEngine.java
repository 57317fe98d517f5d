package io.switchboard.policy.schedule;

import static java.util.Objects.requireNonNull;

import io.switchboard.config.ScheduleConfig;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The opening hours of one schedule turned into instants: whether it is open at an instant, and when it next opens or
 * closes. Pure and immutable: it reads no clock and holds no state, so any thread may ask it anything.
 *
 * <p>The rules (also in {@code docs/schedules.md}):
 *
 * <ul>
 *   <li>A window belongs to the local date it starts on; one whose end is not after its start ends on the next date.
 *   <li>A date opens its {@code open-on} windows if it has any; otherwise nothing if it is a {@code closed-on} date;
 *       otherwise the weekly windows of its day of the week. The overnight part of the previous date's window runs on
 *       whatever this date is.
 *   <li>Windows that overlap or touch merge into one open period, so {@code Mon 22:00-24:00} and {@code Tue 00:00-06:00}
 *       close only at 06:00.
 *   <li>Times are wall-clock times in the zone. A window opens the first time the clock shows its start and closes the
 *       last time the clock shows its end: on a fall-back day, {@code 01:00-03:00} with 01:00-02:00 happening twice
 *       opens at the first 01:00 and runs to 03:00. A start or end that the clock skips (spring forward) moves to the
 *       end of the skipped hour, so a window inside the skipped hour does not open that day.
 *   <li>The engine looks {@link #HORIZON} ahead: a schedule with no change within it has none.
 * </ul>
 */
public final class ScheduleEngine {
    /** How far ahead the engine looks for the next change; beyond it, a schedule is taken to stay as it is. */
    public static final Period HORIZON = Period.ofYears(2);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<ScheduleConfig.WeeklyWindow>> weekly = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> closedOn;
    private final Map<LocalDate, List<ScheduleConfig.DatedWindow>> openOn = new HashMap<>();

    /**
     * An open period as instants.
     *
     * @param start when it opens
     * @param end when it closes (exclusive); null when it is still open at the horizon
     */
    private record Run(Instant start, @Nullable Instant end) {}

    /**
     * One window, or windows merged, as instants.
     *
     * @param start when it opens
     * @param end when it closes (exclusive), after {@code start}
     */
    private record Span(Instant start, Instant end) {}

    private ScheduleEngine(ScheduleConfig config) {
        this.zone = config.zone();
        this.rules = zone.getRules();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(
                    day,
                    config.open().stream()
                            .filter(window -> window.days().contains(day))
                            .sorted(Comparator.comparing(ScheduleConfig.WeeklyWindow::from))
                            .toList());
        }
        this.closedOn = new HashSet<>(config.closedOn());
        for (ScheduleConfig.DatedWindow window : config.openOn()) {
            openOn.computeIfAbsent(window.from().toLocalDate(), date -> new ArrayList<>())
                    .add(window);
        }
        openOn.values().forEach(windows -> windows.sort(Comparator.comparing(ScheduleConfig.DatedWindow::from)));
    }

    /** Returns the engine of a schedule. */
    public static ScheduleEngine of(ScheduleConfig config) {
        requireNonNull(config, "config");
        return new ScheduleEngine(config);
    }

    /** Returns the zone whose wall-clock times the schedule is written in. */
    public ZoneId zone() {
        return zone;
    }

    /** Returns whether calls pass at {@code at}: whether an open period starts at or before it and ends after it. */
    public boolean isOpen(Instant at) {
        List<Run> runs = runsEndingAfter(at, 1);
        return !runs.isEmpty() && !runs.get(0).start().isAfter(at);
    }

    /** Returns the first opening after {@code at}, or empty when there is none within the horizon. */
    public Optional<Instant> nextOpening(Instant at) {
        for (Run run : runsEndingAfter(at, 2)) {
            if (run.start().isAfter(at)) {
                return Optional.of(run.start());
            }
        }
        return Optional.empty();
    }

    /** Returns the first closing after {@code at}, or empty when the schedule stays open past the horizon. */
    public Optional<Instant> nextClosing(Instant at) {
        List<Run> runs = runsEndingAfter(at, 1);
        return runs.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(runs.get(0).end());
    }

    /** Returns whether the schedule is open at {@code at}, its next change, and why, in words. */
    public ScheduleStatus status(Instant at) {
        List<Run> runs = runsEndingAfter(at, 1);
        @Nullable Run run = runs.isEmpty() ? null : runs.get(0);
        if (run != null && !run.start().isAfter(at)) {
            Instant closing = run.end();
            return new ScheduleStatus(
                    true,
                    closing,
                    closing == null
                            ? "open with no closing within " + horizonText()
                            : "open until " + when(closing, at));
        }
        Instant opening = run == null ? null : run.start();
        return new ScheduleStatus(
                false,
                opening,
                opening == null
                        ? "closed with no opening within " + horizonText()
                        : "closed until " + when(opening, at));
    }

    /** Returns the instant in the zone, as the clock on the provider's wall shows it. */
    public ZonedDateTime local(Instant instant) {
        return instant.atZone(zone);
    }

    /**
     * Returns up to {@code wanted} open periods, in order, that end after {@code at}: the first one is the period open
     * at {@code at}, if any.
     */
    private List<Run> runsEndingAfter(Instant at, int wanted) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        LocalDate last = today.plus(HORIZON);
        List<Run> runs = new ArrayList<>(wanted);
        @Nullable Span current = null;
        // A window lasts at most a day (plus an hour across a fall-back change), so no window that started before the
        // day before yesterday is still open today.
        for (LocalDate date = today.minusDays(2); !date.isAfter(last); date = date.plusDays(1)) {
            for (Span span : spansStartingOn(date)) {
                if (current != null && !span.start().isAfter(current.end())) {
                    current = new Span(current.start(), later(current.end(), span.end()));
                    continue;
                }
                if (current != null && current.end().isAfter(at)) {
                    runs.add(new Run(current.start(), current.end()));
                    if (runs.size() == wanted) {
                        return runs;
                    }
                }
                current = span;
            }
        }
        if (current != null && current.end().isAfter(at)) {
            // Windows of the dates past the horizon open no earlier than the midnight after it; a period that reaches
            // that midnight may go on, so its end is unknown.
            Instant beyond = startOf(last.plusDays(1).atStartOfDay());
            runs.add(new Run(current.start(), current.end().isBefore(beyond) ? current.end() : null));
        }
        return runs;
    }

    /**
     * Returns the spans of the windows that start on {@code date}, in order of start, leaving out any that the clock
     * skips entirely. The order holds across dates too, as a later local time never maps to an earlier instant here.
     */
    private List<Span> spansStartingOn(LocalDate date) {
        List<ScheduleConfig.DatedWindow> dated = openOn.get(date);
        List<Span> spans = new ArrayList<>(2);
        if (dated != null) {
            for (ScheduleConfig.DatedWindow window : dated) {
                add(spans, window.from(), window.to());
            }
        } else if (!closedOn.contains(date)) {
            for (ScheduleConfig.WeeklyWindow window : weekly.getOrDefault(date.getDayOfWeek(), List.of())) {
                LocalDate endDate = window.to().isAfter(window.from()) ? date : date.plusDays(1);
                add(spans, date.atTime(window.from()), endDate.atTime(window.to()));
            }
        }
        return spans;
    }

    private void add(List<Span> spans, LocalDateTime from, LocalDateTime to) {
        Instant start = startOf(from);
        Instant end = endOf(to);
        if (end.isAfter(start)) {
            spans.add(new Span(start, end));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Returns the first instant the clock shows {@code local}, or the end of the gap it falls in. */
    private Instant startOf(LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return gapEnd(local);
        }
        Instant earliest = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant instant = local.toInstant(offset);
            earliest = instant.isBefore(earliest) ? instant : earliest;
        }
        return earliest;
    }

    /** Returns the last instant the clock shows {@code local}, or the end of the gap it falls in. */
    private Instant endOf(LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return gapEnd(local);
        }
        Instant latest = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            Instant instant = local.toInstant(offset);
            latest = instant.isAfter(latest) ? instant : latest;
        }
        return latest;
    }

    private Instant gapEnd(LocalDateTime local) {
        ZoneOffsetTransition transition = rules.getTransition(local);
        // A local time with no valid offset is always inside a gap, which has a transition.
        return requireNonNull(transition, "transition").getInstant();
    }

    /**
     * Returns a change as a person reads it in the zone: {@code 21:00 Europe/Moscow} on the same date as {@code now},
     * {@code Mon 09:00 Europe/Moscow} within the week, {@code Mon 2027-01-04 09:00 Europe/Moscow} beyond, and with the
     * offset, {@code 01:30 America/New_York (UTC-05:00)}, when the clock shows that time twice.
     */
    private String when(Instant change, Instant now) {
        ZonedDateTime local = change.atZone(zone);
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate date = local.toLocalDate();
        StringBuilder text = new StringBuilder(40);
        if (!date.equals(today)) {
            text.append(dayName(date.getDayOfWeek())).append(' ');
            if (ChronoUnit.DAYS.between(today, date) > 6) {
                text.append(date).append(' ');
            }
        }
        text.append(TIME.format(local)).append(' ').append(zone.getId());
        // On a fall-back night the same wall-clock time happens twice; the offset says which one.
        if (rules.getValidOffsets(local.toLocalDateTime()).size() > 1) {
            text.append(" (UTC").append(local.getOffset().getId()).append(')');
        }
        return text.toString();
    }

    private static String dayName(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
    }

    private static String horizonText() {
        return HORIZON.getYears() + " years";
    }

    @Override
    public String toString() {
        return "ScheduleEngine[" + zone + "]";
    }
}

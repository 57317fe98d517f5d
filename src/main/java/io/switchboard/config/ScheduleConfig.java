package io.switchboard.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * When a provider takes calls, under {@code schedule:}; outside its windows the connector answers 503 {@code closed}.
 *
 * <pre>
 * schedule:
 *   zone: Europe/Moscow
 *   open: [ "Mon-Fri 09:00-21:00", "Sat 10:00-18:00", "Fri 22:00-06:00" ]
 *   closed-on: [ 2026-12-31, 2027-01-01 ]
 *   open-on: [ "2026-12-30 10:00-16:00" ]
 * </pre>
 *
 * <p>A window belongs to the date it starts on: an overnight window is part of its first day. Each local date opens
 * the dated windows ({@code open-on}) that start on it if it has any, else nothing if it is a {@code closed-on} date,
 * else the weekly windows of its day of the week. See {@code docs/schedules.md}.
 *
 * @param zone the provider's time zone (any Java zone id); windows are wall-clock times there, daylight-saving changes
 *     included
 * @param open weekly windows; a window whose end is not after its start runs overnight into the next day; none by
 *     default
 * @param closedOn local dates whose weekly windows do not open, including their overnight part into the next date
 *     (a window that started the day before still runs to its end); none by default
 * @param openOn dated windows that replace the weekly windows of the date they start on, closed date or not; none by
 *     default
 */
public record ScheduleConfig(ZoneId zone, List<WeeklyWindow> open, List<LocalDate> closedOn, List<DatedWindow> openOn) {
    public ScheduleConfig {
        open = List.copyOf(open);
        closedOn = List.copyOf(closedOn);
        openOn = List.copyOf(openOn);
    }

    /**
     * A weekly window such as {@code Mon-Fri 09:00-21:00}.
     *
     * @param days the days the window starts on
     * @param from the local start time
     * @param to the local end time; not after {@code from} means it ends on the next day, so {@code 24:00} is
     *     {@code 00:00} and {@code 00:00-24:00} is a whole day
     * @param text the window as written, for messages
     */
    public record WeeklyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, String text) {
        public WeeklyWindow {
            days = Set.copyOf(days);
        }
    }

    /**
     * A dated window such as {@code 2026-12-30 10:00-16:00}.
     *
     * @param from the local start
     * @param to the local end, after {@code from} and at most a day later (on the next date for an overnight window)
     * @param text the window as written, for messages
     */
    public record DatedWindow(LocalDateTime from, LocalDateTime to, String text) {}
}

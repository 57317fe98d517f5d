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
 * @param zone the provider's time zone; windows are wall-clock times there, daylight-saving changes included
 * @param open weekly windows; a window whose end is not after its start runs overnight into the next day
 * @param closedOn whole local dates on which the connector is closed, whatever the weekly windows say
 * @param openOn dated windows that open the connector even on a closed date or outside the weekly windows
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
     * @param to the local end time; not after {@code from} means it ends on the next day
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
     * @param to the local end, after {@code from}
     * @param text the window as written, for messages
     */
    public record DatedWindow(LocalDateTime from, LocalDateTime to, String text) {}
}

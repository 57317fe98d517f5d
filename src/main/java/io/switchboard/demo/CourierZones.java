package io.switchboard.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * The time zones of the demo's two courier services, chosen when the demo starts so that one is open now (its local time
 * is near mid-afternoon) and the other closed now (near 3 in the morning), both keeping hours of 09:00 to 21:00. A
 * newcomer so sees a green courier and a grey one at any hour.
 *
 * @param open the zone of the courier that is open now
 * @param closed the zone of the courier that is closed now
 */
public record CourierZones(ZoneId open, ZoneId closed) {
    /** When both couriers open, local time. */
    public static final LocalTime OPENS = LocalTime.of(9, 0);

    /** When both couriers close, local time. */
    public static final LocalTime CLOSES = LocalTime.of(21, 0);

    /** The schedule window both couriers keep, as the config writes it. */
    public static final String HOURS = "Daily 09:00-21:00";

    /** Zones at most two hours apart round the clock, so one is always within an hour of any local time wanted. */
    static final List<ZoneId> CANDIDATES = List.of(
                    "Europe/Moscow",
                    "Asia/Dubai",
                    "Asia/Yekaterinburg",
                    "Asia/Novosibirsk",
                    "Asia/Shanghai",
                    "Asia/Tokyo",
                    "Asia/Vladivostok",
                    "Pacific/Noumea",
                    "Pacific/Auckland",
                    "Pacific/Honolulu",
                    "America/Anchorage",
                    "America/Los_Angeles",
                    "America/Chicago",
                    "America/New_York",
                    "America/Sao_Paulo",
                    "Atlantic/Azores",
                    "Europe/London",
                    "Europe/Berlin")
            .stream()
            .map(ZoneId::of)
            .toList();

    /** Returns the zones for a demo started at {@code now}. */
    public static CourierZones choose(Instant now) {
        return new CourierZones(nearest(now, LocalTime.of(15, 0)), nearest(now, LocalTime.of(3, 0)));
    }

    private static ZoneId nearest(Instant now, LocalTime wanted) {
        return CANDIDATES.stream()
                .min(Comparator.comparingLong(zone -> distance(LocalTime.ofInstant(now, zone), wanted)))
                .orElseThrow();
    }

    /** Returns the minutes between two times of day, the short way round the clock. */
    private static long distance(LocalTime a, LocalTime b) {
        long minutes = Math.abs(Duration.between(a, b).toMinutes());
        return Math.min(minutes, 24 * 60 - minutes);
    }
}

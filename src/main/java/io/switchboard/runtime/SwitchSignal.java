package io.switchboard.runtime;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.health.Signal;
import io.switchboard.policy.killswitch.SwitchPosition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The lamp signal of a connector's switch: red while it is off, with who switched it, when and why. */
public final class SwitchSignal implements Signal {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    private final Switches switches;
    private final ZoneId zone;

    /**
     * Creates the signal.
     *
     * @param zone the zone the time of the switch is shown in (the gateway clock's)
     */
    public SwitchSignal(Switches switches, ZoneId zone) {
        this.switches = switches;
        this.zone = zone;
    }

    @Override
    public List<LampReason> reasons(String connector, Instant now) {
        SwitchPosition position = switches.switchFor(connector).position();
        return position.on() ? List.of() : List.of(reason(position, now, zone));
    }

    /** Returns "switched off by night-shift at 14:02: provider outage"; the date is added when it was not today. */
    static LampReason reason(SwitchPosition position, Instant now, ZoneId zone) {
        StringBuilder text = new StringBuilder("switched off");
        if (position.changedBy() != null) {
            text.append(" by ").append(position.changedBy());
        }
        Instant at = position.changedAt();
        if (at != null) {
            ZonedDateTime local = at.atZone(zone);
            boolean today = local.toLocalDate().equals(now.atZone(zone).toLocalDate());
            text.append(" at ").append((today ? TIME : DAY_AND_TIME).format(local));
        }
        if (!position.reason().isEmpty()) {
            text.append(": ").append(position.reason());
        }
        return new LampReason(Lamp.RED, "switch", text.toString());
    }

    @Override
    public String toString() {
        return "switch";
    }
}

package io.switchboard.runtime;

import io.switchboard.policy.killswitch.KillSwitch;
import io.switchboard.policy.killswitch.SwitchPosition;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every connector's switch, kept by connector id across reloads, so a connector switched off stays off when the config
 * changes (or when it leaves the config and comes back).
 */
public final class Switches {
    private final Clock clock;
    private final Map<String, KillSwitch> byConnector = new ConcurrentHashMap<>();

    /** Creates the registry; switch times come from {@code clock}. */
    public Switches(Clock clock) {
        this.clock = clock;
    }

    /** Returns the connector's switch, creating it (on) the first time. */
    public KillSwitch switchFor(String connector) {
        return byConnector.computeIfAbsent(connector, id -> new KillSwitch(id, SwitchPosition.NEVER_SWITCHED));
    }

    /**
     * Switches a connector on or off.
     *
     * @param by the admin token name, for the audit trail
     * @return the change, before and after
     */
    public SwitchChange set(String connector, boolean on, String reason, String by) {
        SwitchPosition after = new SwitchPosition(on, reason, by, clock.instant());
        SwitchPosition before = switchFor(connector).set(after);
        return new SwitchChange(connector, before, after);
    }

    /** Puts a switch where the store says it stands (a restart, or a switch pressed on another node). */
    public void restore(String connector, SwitchPosition position) {
        switchFor(connector).set(position);
    }

    /**
     * A switch that moved.
     *
     * @param connector the connector
     * @param before where it stood
     * @param after where it stands now
     */
    public record SwitchChange(String connector, SwitchPosition before, SwitchPosition after) {}
}

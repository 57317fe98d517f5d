package io.switchboard.policy.killswitch;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One connector's switch. It outlives pipelines: reloads rebuild policies, but the runtime keeps each connector's
 * switch, so a connector switched off stays off.
 */
public final class KillSwitch {
    private final String connector;
    private final AtomicReference<SwitchPosition> position;

    /** Creates a switch for {@code connector} standing at {@code initial}. */
    public KillSwitch(String connector, SwitchPosition initial) {
        this.connector = connector;
        this.position = new AtomicReference<>(initial);
    }

    public String connector() {
        return connector;
    }

    /** Returns where the switch stands now. */
    public SwitchPosition position() {
        return position.get();
    }

    /** Moves the switch; returns where it stood before. */
    public SwitchPosition set(SwitchPosition next) {
        return position.getAndSet(next);
    }
}

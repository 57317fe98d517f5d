package io.switchboard.probe;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampReason;
import io.switchboard.health.Signal;
import io.switchboard.store.ResourceLevel;
import io.switchboard.store.ResourceReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The signal of a connector's resources: a value past a warn threshold is a yellow reason ("resource 'balance' at 12
 * (warn below 100)"), past a critical one a red reason, and a resource whose probe could not read a number is yellow
 * ("resource 'balance' unreadable: ..."). A resource that has not been read yet says nothing.
 */
public final class ResourceSignal implements Signal {
    /** The source name of this signal's reasons. */
    public static final String SOURCE = "resource";

    private final Function<String, List<ResourceStatus>> resources;

    /** Creates the signal over a connector's resources as they stand now, by connector id. */
    public ResourceSignal(Function<String, List<ResourceStatus>> resources) {
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    public List<LampReason> reasons(String connector, Instant now) {
        List<LampReason> reasons = new ArrayList<>(1);
        for (ResourceStatus resource : resources.apply(connector)) {
            ResourceReading latest = resource.latest();
            if (latest == null) {
                continue;
            }
            String name = "resource '" + resource.config().name() + "'";
            Double value = latest.value();
            switch (latest.level()) {
                case OK -> {}
                case UNKNOWN ->
                    reasons.add(new LampReason(Lamp.YELLOW, SOURCE, name + " unreadable: " + latest.message()));
                case WARN, CRITICAL -> {
                    Lamp lamp = latest.level() == ResourceLevel.CRITICAL ? Lamp.RED : Lamp.YELLOW;
                    String at = value == null ? "" : " at " + ProbeText.number(value);
                    reasons.add(new LampReason(lamp, SOURCE, name + at + " (" + resource.threshold() + ")"));
                }
            }
        }
        return reasons;
    }
}

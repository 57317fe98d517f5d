package io.switchboard.health;

import java.time.Instant;
import java.util.List;

/** Something that can make a connector's lamp other than green, asked for its reasons at evaluation time. */
@FunctionalInterface
public interface Signal {

    /** Returns the reasons this signal has against the connector now; empty when it has none. */
    List<LampReason> reasons(String connector, Instant now);
}

package io.switchboard.probe;

import java.util.List;

/** Where the probe scheduler learns what to probe: the running config, which a reload replaces. */
public interface ProbeSource {

    /** Returns the generation of the config in force; it changes whenever {@link #targets()} may have. */
    long generation();

    /** Returns the connectors that have checks or resources, in config order. */
    List<ProbeTarget> targets();
}

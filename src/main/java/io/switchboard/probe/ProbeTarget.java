package io.switchboard.probe;

import io.switchboard.config.CheckConfig;
import io.switchboard.config.ResourceConfig;
import io.switchboard.pipeline.Pipeline;
import java.util.List;

/**
 * A connector as the probe scheduler sees it: what to probe and the pipeline probes go through.
 *
 * @param connector the connector's id
 * @param checks its checks, in config order
 * @param resources its resource probes, in config order
 * @param pipeline its probe pipeline (charset and credentials, then the upstream; nothing that holds calls back)
 */
public record ProbeTarget(
        String connector, List<CheckConfig> checks, List<ResourceConfig> resources, Pipeline pipeline) {
    public ProbeTarget {
        checks = List.copyOf(checks);
        resources = List.copyOf(resources);
    }
}

package io.switchboard.runtime;

import io.switchboard.config.ConnectorConfig;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.Policy;
import io.switchboard.upstream.EndpointGroup;
import io.switchboard.upstream.UpstreamClient;
import java.util.Optional;

/**
 * A connector as it runs: its config, the pipeline built from it, and the upstream client and endpoints the pipeline
 * ends in.
 *
 * @param config the connector's config
 * @param pipeline the policies and the terminal call, in order
 * @param probePipeline what the connector's checks and resource probes go through: the policies that shape the request
 *     the provider sees (charset, credentials) and the same terminal call, never the ones that hold traffic back
 * @param endpoints the upstream endpoints with their live counters
 * @param client the pooled upstream client
 * @param meters the connector's metrics
 */
public record ConnectorRuntime(
        ConnectorConfig config,
        Pipeline pipeline,
        Pipeline probePipeline,
        EndpointGroup endpoints,
        UpstreamClient client,
        GatewayMetrics.ConnectorMeters meters) {

    public String id() {
        return config.id();
    }

    /** Returns the pipeline's policy of the given type, if it has one. */
    public <P extends Policy> Optional<P> policy(Class<P> type) {
        for (Policy policy : pipeline.policies()) {
            if (type.isInstance(policy)) {
                return Optional.of(type.cast(policy));
            }
        }
        return Optional.empty();
    }
}

package io.switchboard.config;

import java.nio.charset.Charset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One integration, under {@code connectors.<id>:}; callers reach it at {@code /<id>/...}.
 *
 * @param id the connector's name: lowercase letters, digits and dashes, as in the proxy path
 * @param capability the job this provider does (sms, delivery), for grouping and routing; none by default
 * @param upstream where and how the provider is reached
 * @param retry when failed calls are tried again; no retries when absent
 * @param circuitBreaker when calls stop for a while; none when absent
 * @param limits rate and concurrency limits
 * @param credentials the provider's secret added to each call; none when absent
 * @param schedule when the provider takes calls; always when absent
 * @param charset the provider's text encoding, converted to and from UTF-8 at the border; none when absent
 * @param objectives the error rate and latency the provider promises, judged for the lamp; none when absent
 * @param checks synthetic checks run on a schedule, in the order written; none by default
 * @param resources resource probes run on a schedule, in the order written; none by default
 * @param mask what the journal hides beyond the built-in rules; {@link MaskConfig#NONE} by default
 */
public record ConnectorConfig(
        String id,
        @Nullable String capability,
        UpstreamConfig upstream,
        @Nullable RetryConfig retry,
        @Nullable CircuitBreakerConfig circuitBreaker,
        LimitsConfig limits,
        @Nullable CredentialsConfig credentials,
        @Nullable ScheduleConfig schedule,
        @Nullable Charset charset,
        @Nullable ObjectivesConfig objectives,

        List<CheckConfig> checks,
        List<ResourceConfig> resources,
        MaskConfig mask) {
    public ConnectorConfig {
        checks = List.copyOf(checks);
        resources = List.copyOf(resources);
    }
}

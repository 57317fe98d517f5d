package io.switchboard.runtime;

import io.switchboard.config.CircuitBreakerConfig;
import io.switchboard.config.ConnectorConfig;
import io.switchboard.config.CredentialsConfig;
import io.switchboard.config.LimitsConfig;
import io.switchboard.config.Rate;
import io.switchboard.config.RetryConfig;
import io.switchboard.config.ScheduleConfig;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.Policy;
import io.switchboard.policy.charset.CharsetPolicy;
import io.switchboard.policy.circuitbreaker.CircuitBreakerPolicy;
import io.switchboard.policy.concurrency.ConcurrencyPolicy;
import io.switchboard.policy.credentials.CredentialsPolicy;
import io.switchboard.policy.killswitch.KillSwitchPolicy;
import io.switchboard.policy.ratelimit.CallerRateLimitPolicy;
import io.switchboard.policy.ratelimit.RateLimitPolicy;
import io.switchboard.policy.retry.RetryPolicy;
import io.switchboard.policy.schedule.SchedulePolicy;
import io.switchboard.upstream.EndpointGroup;
import io.switchboard.upstream.UpstreamCall;
import io.switchboard.upstream.UpstreamClient;
import io.vertx.core.Vertx;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds a connector's pipeline from its config. This is the one place that knows the order of the policies, and why:
 *
 * <ol>
 *   <li>switch first: a connector switched off sends nothing anywhere and costs one read;
 *   <li>schedule next: a closed provider is answered before any quota is spent on the call;
 *   <li>rate limit, then concurrency: answered before a byte leaves the gateway, cheapest first;
 *   <li>each caller's own limit right after the connector's: a call the connector refuses anyway costs no caller a
 *       token, and a caller over its own share is refused before it takes a place under the concurrency limit;
 *   <li>charset: converts the body once per call, not once per attempt, and answers bad text before sending;
 *   <li>credentials: once per call, not once per attempt;
 *   <li>retry wraps the circuit breaker, so an open breaker stops retries instead of being hammered by them;
 *   <li>the circuit breaker sits right before the upstream, so it sees each attempt's real result.
 * </ol>
 *
 * <p>Checks and resource probes go through a second pipeline of the same connector: the policies that shape the request
 * the provider sees (charset, credentials), in the same order and ending in the same terminal call. Switch, schedule,
 * rate limit and concurrency are left out, because a probe must tell how the provider is even while callers are held
 * back; retry and the circuit breaker are left out, because a probe measures the provider as it is, once, and must
 * still run while the breaker is open, to tell when the provider is back (see docs/checks-and-resources.md).
 *
 * <p>On reload, a connector whose config did not change is kept as it is; a policy whose own config did not change is
 * kept with its state, so breakers and buckets survive a reload.
 */
public final class PipelineFactory {
    private final Vertx vertx;
    private final Clock clock;
    private final RandomGenerator random;
    private final GatewayMetrics metrics;
    private final Switches switches;

    /** Creates a factory; time comes only from {@code clock}, randomness only from {@code random}. */
    public PipelineFactory(
            Vertx vertx, Clock clock, RandomGenerator random, GatewayMetrics metrics, Switches switches) {
        this.vertx = vertx;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.switches = switches;
    }

    /** Builds the runtime of one connector with no caller limits, reusing what {@code previous} has unchanged. */
    public ConnectorRuntime build(ConnectorConfig config, @Nullable ConnectorRuntime previous) {
        return build(config, previous, Map.of());
    }

    /**
     * Builds the runtime of one connector, reusing what {@code previous} has that did not change.
     *
     * @param callerLimits each caller's own rate on this connector ({@code callers.<name>.limits}), none when empty
     */
    public ConnectorRuntime build(
            ConnectorConfig config, @Nullable ConnectorRuntime previous, Map<String, Rate> callerLimits) {
        if (previous != null
                && previous.config().equals(config)
                && callerLimitsOf(previous).equals(callerLimits)) {
            return previous;
        }
        // An unchanged upstream keeps its client (warm pooled connections) and its endpoints' outlier state.
        ConnectorRuntime sameUpstream =
                previous != null && previous.config().upstream().equals(config.upstream()) ? previous : null;
        UpstreamClient client = sameUpstream != null
                ? sameUpstream.client()
                : UpstreamClient.create(vertx, config.id(), config.upstream());
        EndpointGroup endpoints = sameUpstream != null
                ? sameUpstream.endpoints()
                : EndpointGroup.of(
                        config.upstream().endpoints(),
                        config.upstream().balance(),
                        config.upstream().outlier(),
                        System::nanoTime);
        UpstreamCall terminal =
                UpstreamCall.of(config.id(), vertx, client, endpoints, config.upstream(), System::nanoTime);
        List<Policy> policies = policies(config, previous, callerLimits);
        Pipeline pipeline = Pipeline.of(policies, terminal);
        Pipeline probePipeline = Pipeline.of(
                policies.stream().filter(PipelineFactory::shapesProbes).toList(), terminal);
        ConnectorRuntime runtime = new ConnectorRuntime(
                config, pipeline, probePipeline, endpoints, client, metrics.connector(config.id()));
        watch(runtime);
        return runtime;
    }

    /** Returns whether a probe goes through the policy: it changes what the provider sees, not whether it is asked. */
    private static boolean shapesProbes(Policy policy) {
        return policy instanceof CharsetPolicy || policy instanceof CredentialsPolicy;
    }

    /** Points the connector's gauges at the policies of its new pipeline. */
    private static void watch(ConnectorRuntime runtime) {
        GatewayMetrics.ConnectorMeters meters = runtime.meters();
        meters.watchCircuit(runtime.policy(CircuitBreakerPolicy.class)
                .<Supplier<String>>map(breaker -> () -> breaker.state().code())
                .orElse(() -> "none"));
        runtime.policy(RetryPolicy.class)
                .ifPresentOrElse(
                        retry -> meters.watchRetries(retry::retriesAttempted, retry::retriesDeniedByBudget),
                        () -> meters.watchRetries(() -> 0, () -> 0));
    }

    private static Map<String, Rate> callerLimitsOf(ConnectorRuntime runtime) {
        return runtime.policy(CallerRateLimitPolicy.class)
                .map(CallerRateLimitPolicy::limits)
                .orElse(Map.of());
    }

    private List<Policy> policies(
            ConnectorConfig config, @Nullable ConnectorRuntime previous, Map<String, Rate> callerLimits) {
        @Nullable ConnectorConfig before = previous == null ? null : previous.config();
        LimitsConfig limits = config.limits();
        List<Policy> policies = new ArrayList<>();
        // The switch's state lives in Switches, not in the policy, so a fresh policy per build loses nothing.
        policies.add(KillSwitchPolicy.from(switches.switchFor(config.id())));
        ScheduleConfig schedule = config.schedule();
        if (schedule != null) {
            boolean same = before != null && schedule.equals(before.schedule());
            policies.add(carryOver(previous, SchedulePolicy.class, same, () -> SchedulePolicy.from(schedule, clock)));
        }
        if (limits.rate() != null) {
            boolean same = before != null
                    && Objects.equals(before.limits().rate(), limits.rate())
                    && before.limits().burst() == limits.burst();
            policies.add(carryOver(previous, RateLimitPolicy.class, same, () -> RateLimitPolicy.from(limits, clock)));
        }
        if (!callerLimits.isEmpty()) {
            boolean same = previous != null && callerLimitsOf(previous).equals(callerLimits);
            policies.add(carryOver(
                    previous,
                    CallerRateLimitPolicy.class,
                    same,
                    () -> CallerRateLimitPolicy.from(callerLimits, clock)));
        }
        if (limits.concurrency() != null) {
            boolean same = before != null && Objects.equals(before.limits().concurrency(), limits.concurrency());
            policies.add(carryOver(previous, ConcurrencyPolicy.class, same, () -> ConcurrencyPolicy.from(limits)));
        }
        Charset charset = config.charset();
        if (charset != null) {
            policies.add(CharsetPolicy.from(charset));
        }
        CredentialsConfig credentials = config.credentials();
        if (credentials != null) {
            policies.add(CredentialsPolicy.from(credentials));
        }
        RetryConfig retry = config.retry();
        if (retry != null) {
            boolean same = before != null && retry.equals(before.retry());
            policies.add(carryOver(
                    previous,
                    RetryPolicy.class,
                    same,
                    () -> RetryPolicy.from(retry, vertx, clock, System::nanoTime, random)));
        }
        CircuitBreakerConfig breaker = config.circuitBreaker();
        if (breaker != null) {
            boolean same = before != null && breaker.equals(before.circuitBreaker());
            policies.add(carryOver(
                    previous,
                    CircuitBreakerPolicy.class,
                    same,
                    () -> CircuitBreakerPolicy.from(breaker, clock, System::nanoTime)));
        }
        return policies;
    }

    /** Keeps the previous pipeline's policy (and so its state) when its config is unchanged; else builds anew. */
    private static <P extends Policy> P carryOver(
            @Nullable ConnectorRuntime previous, Class<P> type, boolean unchanged, Supplier<P> build) {
        if (previous != null && unchanged) {
            Optional<P> kept = previous.policy(type);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        return build.get();
    }
}

package io.switchboard.runtime;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.LoadResult;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.Problem;
import io.switchboard.testing.ExchangeBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Measures what the policy chain alone costs per request, in thread CPU time on an event loop, with a terminal that
 * answers at once (no network): {@code java ... PolicyCostProbe}. Not a test; run by bench/policy-cost.sh --in-process.
 */
final class PolicyCostProbe {
    private static final String[] VARIANTS = {
        "",
        "    retry: { attempts: 3, backoff: 50ms, on: [connect-failure, 502, 503, 504] }\n",
        "    circuit-breaker: { failure-rate: 50%, window: 30s, min-requests: 20, open-for: 30s }\n",
        "    limits: { rate: 1000000000/s }\n",
        "    limits: { concurrency: 10000 }\n",
        "    credentials: { header: X-Api-Key, value: bench-secret-value }\n",
        """
                retry: { attempts: 3, backoff: 50ms, on: [connect-failure, 502, 503, 504] }
                circuit-breaker: { failure-rate: 50%, window: 30s, min-requests: 20, open-for: 30s }
                credentials: { header: X-Api-Key, value: bench-secret-value }
                limits: { rate: 1000000000/s, concurrency: 10000 }
            """,
    };
    private static final String[] NAMES = {"bare", "retry", "breaker", "rate", "concurrency", "credentials", "all"};

    private PolicyCostProbe() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Clock clock = Clock.systemUTC();
        GatewayMetrics metrics = new GatewayMetrics(clock);
        PipelineFactory factory =
                new PipelineFactory(vertx, clock, new SplittableRandom(1), metrics, new Switches(clock));
        Chain terminal = exchange ->
                Future.succeededFuture(new Outcome.Rejection(Problem.of(ErrorKind.NOT_FOUND, "none"), "probe"));
        for (int round = 0; round < 3; round++) {
            for (int v = 0; v < VARIANTS.length; v++) {
                String yaml =
                        "connectors:\n  stub:\n    upstream: { endpoints: [ \"http://127.0.0.1:9\" ] }\n" + VARIANTS[v];
                LoadResult loaded = ConfigLoader.parse(yaml, "probe.yaml", Map.of());
                if (!(loaded instanceof LoadResult.Valid valid)) {
                    throw new IllegalStateException(yaml + loaded);
                }
                ConnectorRuntime runtime = factory.build(
                        java.util.Objects.requireNonNull(
                                valid.config().connectors().get("stub")),
                        null);
                Pipeline pipeline = Pipeline.of(runtime.pipeline().policies(), terminal);
                double nanos = measure(vertx, pipeline, round == 0 ? 200_000 : 1_000_000);
                if (round > 0) {
                    System.out.printf("%-12s %8.0f ns/request (thread CPU)%n", NAMES[v], nanos);
                }
            }
        }
        vertx.close();
    }

    private static double measure(Vertx vertx, Pipeline pipeline, int requests) throws Exception {
        CompletableFuture<Double> result = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            var threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < requests; i++) {
                Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/ping").build();
                pipeline.handle(exchange);
            }
            result.complete((threads.getCurrentThreadCpuTime() - start) / (double) requests);
        });
        return result.get();
    }
}

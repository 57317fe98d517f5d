package io.switchboard.boot;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.runtime.GatewayMetrics;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.PipelineFactory;
import io.switchboard.server.ProxyServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running gateway: its event loops, live runtime, proxy listener and admin listener. */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final LiveRuntime runtime;
    private final GatewayMetrics metrics;
    private final ProxyServer proxy;
    private volatile boolean stopping;

    private Gateway(Vertx vertx, LiveRuntime runtime, GatewayMetrics metrics, ProxyServer proxy) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.metrics = metrics;
        this.proxy = proxy;
    }

    /**
     * Starts a gateway serving {@code config}.
     *
     * @param config a valid config
     * @param eventLoops how many event loops serve the proxy (the proxy listener runs one server per loop)
     * @param clock the clock every policy reads
     */
    public static Future<Gateway> start(SwitchboardConfig config, int eventLoops, Clock clock) {
        int loops = Math.max(1, eventLoops);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        GatewayMetrics metrics = new GatewayMetrics();
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        PipelineFactory factory = new PipelineFactory(vertx, clock, random, metrics);
        LiveRuntime runtime = new LiveRuntime(vertx, factory, metrics, clock);
        runtime.apply(config);
        ProxyServer proxy = new ProxyServer(vertx, runtime, config.gateway().limits(), random);
        Gateway gateway = new Gateway(vertx, runtime, metrics, proxy);
        return proxy.start(config.gateway().listen(), loops)
                .map(port -> gateway)
                .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure)));
    }

    /** Returns the port the proxy listens on. */
    public int proxyPort() {
        return proxy.port();
    }

    /** Returns the live runtime. */
    public LiveRuntime runtime() {
        return runtime;
    }

    /** Returns the metrics registry. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Returns the Vert.x instance the gateway runs on. */
    public Vertx vertx() {
        return vertx;
    }

    /** Returns whether a graceful stop has begun. */
    public boolean isStopping() {
        return stopping;
    }

    /**
     * Stops gracefully: the listeners stop accepting, calls in flight get up to the drain timeout to finish, then
     * everything closes.
     */
    public Future<Void> stop() {
        stopping = true;
        var drain = runtime.current().config().gateway().drainTimeout();
        LOG.info("stopping: draining calls in flight for up to {} s", drain.toSeconds());
        return proxy.shutdown(drain).eventually(() -> {
            runtime.closeAll();
            return vertx.close();
        });
    }
}

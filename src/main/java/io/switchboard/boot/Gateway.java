package io.switchboard.boot;

import io.switchboard.admin.AdminServer;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.health.LampEvaluator;
import io.switchboard.health.Signal;
import io.switchboard.journal.Journal;
import io.switchboard.journal.JournalRetention;
import io.switchboard.probe.ProbeScheduler;
import io.switchboard.runtime.CapabilityRouter;
import io.switchboard.runtime.CircuitSignal;
import io.switchboard.runtime.ConfigControl;
import io.switchboard.runtime.EventRecorder;
import io.switchboard.runtime.GatewayMetrics;
import io.switchboard.runtime.LampWatch;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.ObjectiveSignal;
import io.switchboard.runtime.PipelineFactory;
import io.switchboard.runtime.ScheduleSignal;
import io.switchboard.runtime.StoreLink;
import io.switchboard.runtime.SwitchSignal;
import io.switchboard.runtime.SwitchSync;
import io.switchboard.runtime.Switches;
import io.switchboard.runtime.WebhookSender;
import io.switchboard.server.ProxyServer;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.switchboard.store.StoreLocation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final AdminServer admin;
    private final ConfigControl configControl;
    private final StoreLink store;
    private final SwitchSync switchSync;
    private final WebhookSender webhooks;
    private final LampWatch lamps;
    private final ProbeScheduler probes;
    private final CapabilityRouter capabilities;
    private final Journal journal;
    private final JournalRetention journalRetention;
    private volatile boolean serving;
    private volatile int adminPort;

    /** Says which network transport serves the proxy: epoll on Linux, else Java's NIO with the reason. */
    private static void logTransport(Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            LOG.info("network transport: native epoll");
        } else {
            Throwable why = vertx.unavailableNativeTransportCause();
            LOG.info(
                    "network transport: Java NIO (native epoll unavailable: {})",
                    why == null ? "not on Linux x86-64" : why.getMessage());
        }
    }

    private Gateway(SwitchboardConfig config, int eventLoops, Clock clock, ConfigControlFactory configControl) {
        this.vertx =
                Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
        logTransport(vertx);
        this.metrics = new GatewayMetrics(clock);
        RandomGenerator random = new PerThreadRandom();
        Switches switches = new Switches(clock);
        this.store = StoreLink.open(StoreLocation.parse(config.gateway().store()), clock, metrics.registry());
        EventRecorder events = new EventRecorder(store, clock, random, metrics);
        // An outage is itself an event; it reaches the store once the store is back.
        store.onAvailabilityChange((available, why) -> events.record(
                Event.STORE_OUTAGE,
                null,
                available ? Severity.INFO : Severity.CRITICAL,
                available
                        ? "store " + store.location() + " is reachable again"
                        : "store " + store.location() + " is unavailable; proxying goes on, writes are queued: " + why,
                null,
                new JsonObject().put("available", available).put("pendingWrites", store.pendingWrites())));
        this.runtime =
                new LiveRuntime(vertx, new PipelineFactory(vertx, clock, random, metrics, switches), metrics, clock);
        this.webhooks = WebhookSender.standard(
                () -> runtime.isReady() ? runtime.current().config().gateway().webhooks() : List.of(),
                metrics.registry());
        events.addListener(webhooks::send);
        this.switchSync = SwitchSync.start(switches, store, events);
        runtime.apply(config);
        this.journal = Journal.start(
                config.gateway().journal(), clock, random, metrics.registry(), () -> store.read(open -> open));
        this.journalRetention = new JournalRetention(
                        () -> runtime.current().config().gateway().journal(), () -> store.read(open -> open), clock)
                .start();
        ProbeLink probeLink = new ProbeLink(runtime, store, events, journal);
        this.probes = ProbeScheduler.start(vertx, clock, random, metrics.registry(), probeLink, probeLink);
        // A connector's lamp is the worst of these signals; each new kind of signal is one more line here.
        List<Signal> signals = new ArrayList<>(List.of(
                new SwitchSignal(switches, clock.getZone()),
                new ScheduleSignal(runtime),
                new CircuitSignal(runtime),
                new ObjectiveSignal(runtime)));
        signals.addAll(probes.signals());
        this.lamps = new LampWatch(
                () -> runtime.current().connectors().keySet(),
                LampEvaluator.of(signals),
                events,
                metrics.registry(),
                clock);
        this.capabilities = new CapabilityRouter(runtime, switches, lamps::status, events, metrics.registry());
        // Provider changes are events even while no call comes, so the capabilities are looked at once a second.
        vertx.setPeriodic(
                LampWatch.INTERVAL.toMillis(),
                tick -> vertx.executeBlocking(() -> {
                    capabilities.evaluateAll();
                    return null;
                }));
        this.proxy =
                new ProxyServer(vertx, runtime, config.gateway().limits(), random, capabilities).withJournal(journal);
        this.configControl = configControl.create(runtime, metrics, events);
        this.admin = new AdminServer(
                        vertx, runtime, metrics, this.configControl, switchSync, store, lamps, probes, () -> serving)
                .withCapabilities(capabilities)
                .withJournal(journal);
    }

    /**
     * Starts a gateway serving {@code config}.
     *
     * @param config a valid config
     * @param eventLoops how many event loops serve the proxy (the proxy listener runs one server per loop)
     * @param clock the clock every policy reads
     * @param configControl reloads and validates the config on demand, given the runtime the gateway creates
     */
    public static Future<Gateway> start(
            SwitchboardConfig config, int eventLoops, Clock clock, ConfigControlFactory configControl) {
        Gateway gateway = new Gateway(config, Math.max(1, eventLoops), clock, configControl);
        // The result is a promise of no Vert.x context: a failure closes the event loops, and a future bound to one of
        // them could then never deliver the failure (the caller would wait forever instead of being told why).
        Promise<Gateway> started = Promise.promise();
        gateway.proxy
                .start(config.gateway().listen(), Math.max(1, eventLoops))
                .recover(failure -> cannotListen("proxy", config.gateway().listen(), failure))
                .compose(proxyPort -> gateway.admin
                        .start(config.gateway().admin())
                        .recover(failure ->
                                cannotListen("admin", config.gateway().admin(), failure)))
                .onComplete(bound -> {
                    if (bound.succeeded()) {
                        gateway.lamps.start();
                        gateway.adminPort = bound.result();
                        gateway.serving = true;
                        started.complete(gateway);
                    } else {
                        gateway.probes.close();
                        gateway.closeState();
                        gateway.runtime.closeAll();
                        gateway.vertx.close().onComplete(closed -> started.fail(bound.cause()));
                    }
                });
        return started.future();
    }

    /**
     * Names the listener and address a bind failed on. The reason is kept as the transport gave it, minus the native
     * transport's "bind(..) failed with error(-98): " prefix, so both transports read "Address already in use".
     */
    private static <T> Future<T> cannotListen(String listener, Object address, Throwable failure) {
        String reason = String.valueOf(failure.getMessage())
                .replaceFirst("^bind\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
        return Future.failedFuture(new IllegalStateException(
                "cannot listen for the " + listener + " on " + address + ": " + reason, failure));
    }

    /** Returns the port the proxy listens on. */
    public int proxyPort() {
        return proxy.port();
    }

    /** Returns the port the admin API listens on. */
    public int adminPort() {
        return adminPort;
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

    /** Returns the scheduler of checks and resource probes, whose signals the lamps read. */
    public ProbeScheduler probes() {
        return probes;
    }

    /** Makes the config control of a gateway once its runtime exists. */
    @FunctionalInterface
    public interface ConfigControlFactory {
        /** Returns the control for this runtime. */
        ConfigControl create(LiveRuntime runtime, GatewayMetrics metrics, EventRecorder events);
    }

    /**
     * Stops gracefully: readiness turns false, the proxy stops accepting, calls in flight get up to the drain timeout
     * to finish, then everything closes.
     */
    public Future<Void> stop() {
        serving = false;
        configControl.close();
        probes.close();
        Duration drain = runtime.current().config().gateway().drainTimeout();
        LOG.info("stopping: draining calls in flight for up to {} s", drain.toSeconds());
        return proxy.shutdown(drain).eventually(admin::stop).eventually(() -> {
            runtime.closeAll();
            closeState();
            return vertx.close();
        });
    }

    /** Stops the lamps and syncing switches, lets queued store writes land (briefly), and closes the store. */
    private void closeState() {
        lamps.close();
        switchSync.close();
        journalRetention.close();
        journal.close();
        if (!store.flush(Duration.ofSeconds(2))) {
            LOG.warn(
                    "stopping with {} store writes not yet applied (store: {})",
                    store.pendingWrites(),
                    store.problem());
        }
        store.close();
        webhooks.close();
    }

    /** Returns the journal of exchanges. */
    public Journal journal() {
        return journal;
    }

    /** Returns the router of calls to capabilities, which also tells how each capability stands. */
    public CapabilityRouter capabilities() {
        return capabilities;
    }

    /** Returns the lamps of every connector. */
    public LampWatch lamps() {
        return lamps;
    }
}

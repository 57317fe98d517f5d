package io.switchboard.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.health.Lamp;
import io.switchboard.health.LampEvaluator;
import io.switchboard.health.LampReason;
import io.switchboard.health.LampStatus;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every connector's lamp: re-evaluates them all once a second on a thread of its own (never an event loop),
 * records a {@code lamp-changed} event with the reasons whenever a colour changes, and exports the colours as the
 * gauge {@code switchboard_lamp} (0 green, 1 grey, 2 yellow, 3 red) with the counter
 * {@code switchboard_lamp_changes_total}.
 *
 * <p>A connector starts green: the first evaluation records an event only when it finds another colour.
 */
public final class LampWatch implements AutoCloseable {
    /** How often every lamp is evaluated. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(LampWatch.class);

    private final Supplier<Collection<String>> connectors;
    private final LampEvaluator evaluator;
    private final EventRecorder events;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Watched> lamps = new ConcurrentHashMap<>();
    private final Timer passes;
    private final ScheduledExecutorService loop;

    /** One connector's lamp as last evaluated, and its gauge. */
    private static final class Watched {
        private volatile LampStatus status = LampStatus.GREEN;
        private final AtomicInteger colour = new AtomicInteger(gaugeValue(Lamp.GREEN));
        private final Gauge gauge;

        Watched(String connector, MeterRegistry registry) {
            this.gauge = Gauge.builder("switchboard_lamp", colour, AtomicInteger::get)
                    .description("The connector's lamp: 0 green, 1 grey, 2 yellow, 3 red")
                    .tag("connector", connector)
                    .register(registry);
        }
    }

    /**
     * Creates the watch; nothing is evaluated until {@link #start} or {@link #evaluateAll}.
     *
     * @param connectors the ids of the connectors in force, asked at each pass
     * @param evaluator the signals a lamp is worked out from
     * @param events where lamp changes are recorded
     * @param registry where the lamp gauges and counters go
     * @param clock the time evaluations are made at
     */
    public LampWatch(
            Supplier<Collection<String>> connectors,
            LampEvaluator evaluator,
            EventRecorder events,
            MeterRegistry registry,
            Clock clock) {
        this.connectors = connectors;
        this.evaluator = evaluator;
        this.events = events;
        this.registry = registry;
        this.clock = clock;
        this.passes = Timer.builder("switchboard_lamp_evaluation")
                .description("Time one pass over every connector's lamp takes")
                .register(registry);
        this.loop = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("switchboard-lamps").daemon(true).factory());
    }

    /** Evaluates every lamp at once and then every {@link #INTERVAL}, on the watch's own thread. */
    public void start() {
        loop.scheduleWithFixedDelay(this::evaluateSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the connector's lamp as last evaluated; a connector not evaluated yet is evaluated now. */
    public LampStatus status(String connector) {
        Watched watched = lamps.get(connector);
        return watched != null ? watched.status : evaluator.evaluate(connector, clock.instant());
    }

    /**
     * Evaluates every connector's lamp once, records the changes, and forgets connectors that left the config. Runs on
     * the watch's thread; tests call it directly with a moved clock.
     */
    public void evaluateAll() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Collection<String> ids = connectors.get();
        for (String connector : ids) {
            LampStatus status = evaluator.evaluate(connector, now);
            Watched watched = lamps.computeIfAbsent(connector, id -> new Watched(id, registry));
            LampStatus before = watched.status;
            watched.status = status;
            watched.colour.set(gaugeValue(status.lamp()));
            if (before.lamp() != status.lamp()) {
                changed(connector, before.lamp(), status);
            }
        }
        if (lamps.size() > ids.size()) {
            Set<String> current = new HashSet<>(ids);
            lamps.entrySet().removeIf(entry -> {
                if (current.contains(entry.getKey())) {
                    return false;
                }
                registry.remove(entry.getValue().gauge);
                return true;
            });
        }
        passes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private void evaluateSafely() {
        try {
            evaluateAll();
        } catch (RuntimeException e) {
            // A bug in one pass must not end the loop: the scheduler would run no further pass after a throw.
            LOG.error("lamp evaluation failed", e);
        }
    }

    private void changed(String connector, Lamp was, LampStatus now) {
        Counter.builder("switchboard_lamp_changes")
                .description("Lamp colour changes, by connector and the colour changed to")
                .tag("connector", connector)
                .tag("lamp", now.lamp().code())
                .register(registry)
                .increment();
        JsonArray reasons = new JsonArray();
        for (LampReason reason : now.reasons()) {
            reasons.add(reasonJson(reason));
        }
        LampReason top = now.topReason();
        String message = "connector '" + connector + "' turned " + now.lamp().code() + " (was " + was.code() + ")"
                + (top == null ? "" : ": " + top.text());
        events.record(
                Event.LAMP_CHANGED,
                connector,
                severity(now.lamp()),
                message,
                null,
                new JsonObject()
                        .put("lamp", now.lamp().code())
                        .put("was", was.code())
                        .put("reasons", reasons));
    }

    /** Returns a reason as the API and events show it: {@code {lamp, source, text}}. */
    public static JsonObject reasonJson(LampReason reason) {
        return new JsonObject()
                .put("lamp", reason.lamp().code())
                .put("source", reason.source())
                .put("text", reason.text());
    }

    /** Returns the lamp's value on the gauge: 0 green, 1 grey, 2 yellow, 3 red (worse is higher, for alert rules). */
    static int gaugeValue(Lamp lamp) {
        return switch (lamp) {
            case GREEN -> 0;
            case GREY -> 1;
            case YELLOW -> 2;
            case RED -> 3;
        };
    }

    private static Severity severity(Lamp lamp) {
        return switch (lamp) {
            case RED -> Severity.CRITICAL;
            case YELLOW -> Severity.WARNING;
            case GREY, GREEN -> Severity.INFO;
        };
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}

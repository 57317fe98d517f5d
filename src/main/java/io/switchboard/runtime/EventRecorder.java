package io.switchboard.runtime;

import io.micrometer.core.instrument.Counter;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what operators must know about (switches, reloads, lamp changes, threshold crossings): one log line, a
 * metric, a row in the store written in the background, and a call to each listener (webhooks).
 */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final StoreLink store;
    private final Clock clock;
    private final RandomGenerator random;
    private final GatewayMetrics metrics;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    /** Creates a recorder writing to {@code store}; ids draw on {@code random}, times on {@code clock}. */
    public EventRecorder(StoreLink store, Clock clock, RandomGenerator random, GatewayMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
    }

    /**
     * Adds a listener that is told of every event recorded from now on, on the recording thread: it must hand the
     * event on (to a queue) and return at once, since events are recorded on request and admin paths. A listener that
     * throws is logged and does not stop the others.
     */
    public void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /**
     * Records an event.
     *
     * @param kind what happened, such as {@link Event#SWITCHED}
     * @param connector the connector it concerns, or null for the gateway
     * @param severity how much it matters
     * @param message one human sentence
     * @param actor who caused it (a token name), or null
     * @param details the particulars
     * @return the event as recorded
     */
    public Event record(
            String kind,
            @Nullable String connector,
            Severity severity,
            String message,
            @Nullable String actor,
            JsonObject details) {
        Instant now = clock.instant();
        String id;
        // The generator is not thread-safe and events are rare: a lock costs nothing here.
        synchronized (random) {
            id = Event.newId(now, random);
        }
        Event event = new Event(id, now, connector, kind, severity, message, actor, details.encode());
        store.write("event " + kind, target -> target.events().append(event));
        Counter.builder("switchboard_events")
                .description("Events recorded, by kind")
                .tag("kind", kind)
                .register(metrics.registry())
                .increment();
        if (severity == Severity.INFO) {
            LOG.info("event {}: {}", kind, message);
        } else {
            LOG.warn("event {}: {}", kind, message);
        }
        for (Consumer<Event> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("event {} listener {} failed", kind, listener, e);
            }
        }
        return event;
    }
}

package io.switchboard.runtime;

import io.switchboard.policy.killswitch.SwitchPosition;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.switchboard.store.StoreException;
import io.switchboard.store.SwitchChanges;
import io.switchboard.store.SwitchState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the in-memory switches and the store in step: switches pressed here are stored (and audited as events);
 * switches pressed on other nodes sharing the store are picked up by polling, so a switch takes effect on every node
 * within a poll interval. The proxy only ever reads memory, so a store outage never changes what it does.
 */
public final class SwitchSync implements AutoCloseable {
    /** How often the store is asked for switches pressed elsewhere. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(SwitchSync.class);

    private final Switches switches;
    private final StoreLink store;
    private final EventRecorder events;
    private final ScheduledExecutorService poller;
    private volatile long version;

    private SwitchSync(Switches switches, StoreLink store, EventRecorder events) {
        this.switches = switches;
        this.store = store;
        this.events = events;
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("switchboard-switch-sync").daemon(true).factory());
    }

    /** Loads the stored switches now (when the store answers), then polls for changes in the background. */
    public static SwitchSync start(Switches switches, StoreLink store, EventRecorder events) {
        SwitchSync sync = new SwitchSync(switches, store, events);
        sync.poll();
        sync.poller.scheduleWithFixedDelay(
                sync::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return sync;
    }

    /**
     * Presses a connector's switch: memory first (it applies to the next request), then the store and the audit
     * trail in the background.
     */
    public Switches.SwitchChange flip(String connector, boolean on, String reason, String by) {
        Switches.SwitchChange change = switches.set(connector, on, reason, by);
        SwitchPosition after = change.after();
        SwitchState state = new SwitchState(
                connector, on, reason, by, java.util.Objects.requireNonNull(after.changedAt(), "changedAt"));
        store.write("switch " + connector, target -> target.switches().set(state));
        String message = "connector '" + connector + "' switched " + (on ? "on" : "off") + " by " + by
                + (reason.isEmpty() ? "" : ": " + reason);
        events.record(
                Event.SWITCHED,
                connector,
                on ? Severity.INFO : Severity.WARNING,
                message,
                by,
                new JsonObject()
                        .put("on", on)
                        .put("reason", reason)
                        .put("wasOn", change.before().on()));
        return change;
    }

    /** Asks the store for changes; it also serves as the store's heartbeat, so an outage's end is noticed. */
    private void poll() {
        try {
            SwitchChanges changes = store.read(target -> target.switches().changedSince(version));
            for (SwitchState state : changes.changed()) {
                switches.restore(
                        state.connector(),
                        new SwitchPosition(state.on(), state.reason(), state.changedBy(), state.changedAt()));
            }
            version = changes.version();
        } catch (StoreException | RuntimeException e) {
            LOG.debug("switch poll failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}

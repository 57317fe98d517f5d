package io.switchboard.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.store.Store;
import io.switchboard.store.StoreException;
import io.switchboard.store.StoreLocation;
import io.switchboard.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's line to its store. Writes are queued and applied in order by one background thread, retried while the
 * store is down, so nothing on the request path ever waits for the store and a store outage never stops proxying.
 * Reads run on the caller's (worker) thread and fail fast while the store is down.
 *
 * <p>If the store cannot be opened at start, the gateway runs on its in-memory state and this link keeps trying to
 * open it; queued writes reach it once it is back.
 */
public final class StoreLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLink.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final StoreLocation location;
    private final Clock clock;
    private final @Nullable MeterRegistry registry;
    private final BlockingQueue<PendingWrite> writes = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread writer;
    private volatile @Nullable Store store;
    private volatile @Nullable String problem;
    private volatile boolean closed;
    private volatile BiConsumer<Boolean, String> availabilityListener = (available, why) -> {};
    private boolean reportedAvailable = true;

    /** A write to the store. */
    @FunctionalInterface
    public interface StoreWrite {
        /** Writes; throws when the store did not take it. */
        void apply(Store store) throws StoreException;
    }

    /** A read from the store. */
    @FunctionalInterface
    public interface StoreRead<T> {
        /** Reads; throws when the store could not answer. */
        T apply(Store store) throws StoreException;
    }

    private record PendingWrite(String what, StoreWrite write) {}

    private StoreLink(StoreLocation location, Clock clock, @Nullable MeterRegistry registry) {
        this.location = location;
        this.clock = clock;
        this.registry = registry;
        this.writer = Thread.ofPlatform()
                .name("switchboard-store-writer")
                .daemon(true)
                .unstarted(this::drain);
    }

    /**
     * Opens the store at {@code location} (trying once now) and starts the writer thread. Never throws for an
     * unreachable store: the link keeps trying in the background.
     */
    public static StoreLink open(StoreLocation location, Clock clock) {
        return open(location, clock, null);
    }

    /**
     * Opens the store as {@link #open(StoreLocation, Clock)} does, with its connection pool's meters in {@code
     * registry} (none when null).
     */
    public static StoreLink open(StoreLocation location, Clock clock, @Nullable MeterRegistry registry) {
        StoreLink link = new StoreLink(location, clock, registry);
        link.tryOpen();
        link.writer.start();
        return link;
    }

    /** Returns where the store lives (its text masks any password). */
    public StoreLocation location() {
        return location;
    }

    /** Returns whether the store is open and answered its last call. */
    public boolean isAvailable() {
        Store current = store;
        return current != null && current.status().available() && problem == null;
    }

    /** Returns what is wrong with the store, or null when nothing is. */
    public @Nullable String problem() {
        Store current = store;
        if (current != null && !current.status().available()) {
            return current.status().problem();
        }
        return problem;
    }

    /**
     * Calls {@code listener} on the writer thread whenever the store goes away or comes back, with the reason it went
     * away (an outage is itself an event). Checked a few times a second.
     */
    public void onAvailabilityChange(BiConsumer<Boolean, String> listener) {
        this.availabilityListener = listener;
    }

    /** Returns writes waiting for the store. */
    public int pendingWrites() {
        return pending.get();
    }

    /** Returns writes dropped because the queue was full during a long outage. */
    public long droppedWrites() {
        return dropped.get();
    }

    /** Queues a write; it is applied in order and retried while the store is down. Never blocks. */
    public void write(String what, StoreWrite write) {
        pending.incrementAndGet();
        if (!writes.offer(new PendingWrite(what, write))) {
            pending.decrementAndGet();
            long total = dropped.incrementAndGet();
            if (total == 1 || total % 1000 == 0) {
                LOG.error(
                        "store {} is behind by {} writes; dropped {} so far (latest: {})",
                        location,
                        QUEUE_CAPACITY,
                        total,
                        what);
            }
        }
    }

    /** Reads now, on this thread (never an event loop); throws while the store is unavailable. */
    public <T> T read(StoreRead<T> read) throws StoreException {
        Store current = store;
        if (current == null) {
            throw new StoreUnavailableException("store " + location + " is not open: " + problem, null, null);
        }
        return read.apply(current);
    }

    /** Blocks until every write queued so far has been applied, or the timeout passes; for tests and shutdown. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return pending.get() == 0;
    }

    private void tryOpen() {
        try {
            store = Store.open(location, clock, registry);
            if (problem != null) {
                LOG.info("store {} is reachable again", location);
            }
            problem = null;
        } catch (StoreException e) {
            if (problem == null) {
                LOG.error(
                        "store {} cannot be opened; running on in-memory state and retrying: {}",
                        location,
                        e.getMessage());
            }
            problem = e.getMessage();
        }
    }

    private void drain() {
        Duration wait = FIRST_RETRY;
        while (!closed) {
            PendingWrite next;
            try {
                next = writes.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (store == null && !closed) {
                tryOpen();
            }
            reportAvailability();
            if (next == null) {
                continue;
            }
            // Retry this write until the store takes it: later writes must not overtake it.
            while (!closed) {
                Store current = store;
                if (current == null) {
                    tryOpen();
                } else {
                    try {
                        next.write().apply(current);
                        pending.decrementAndGet();
                        wait = FIRST_RETRY;
                        break;
                    } catch (StoreUnavailableException e) {
                        problem = e.getMessage();
                    } catch (StoreException | RuntimeException e) {
                        // Not an outage: this write itself is wrong and never will succeed; drop it.
                        LOG.error("store {} refused {}: {}", location, next.what(), e.getMessage());
                        pending.decrementAndGet();
                        break;
                    }
                }
                reportAvailability();
                java.util.concurrent.locks.LockSupport.parkNanos(wait.toNanos());
                wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
            }
            if (store != null && problem != null && store.status().available()) {
                problem = null;
            }
        }
    }

    private void reportAvailability() {
        boolean available = isAvailable();
        if (available != reportedAvailable) {
            reportedAvailable = available;
            try {
                availabilityListener.accept(available, java.util.Objects.requireNonNullElse(problem(), ""));
            } catch (RuntimeException e) {
                LOG.warn("store availability listener failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        Store current = store;
        if (current != null) {
            current.close();
        }
    }
}

package io.switchboard.journal;

import io.switchboard.config.JournalConfig;
import io.switchboard.store.ExchangeStore;
import io.switchboard.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes journal records in the background: those older than the retention, and for SQLite the oldest ones while the
 * store's data is larger than the journal's {@code max-size}. Every delete is one short transaction of at most
 * {@value ExchangeStore#MAX_BATCH} records, so the journal's writer and the gateway's own writes slip in between.
 */
public final class JournalRetention implements AutoCloseable {
    /** How often the retention runs. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    /** The most delete transactions one run makes for the size limit; the next run goes on. */
    static final int MAX_CHUNKS_PER_RUN = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);

    private final Supplier<JournalConfig> settings;
    private final StoreAccess access;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    /** What one run deleted: {@code byAge} older than the retention, {@code bySize} over the size limit. */
    public record Deleted(long byAge, long bySize) {}

    /**
     * Creates the retention job; {@link #start()} schedules it.
     *
     * @param settings the journal settings in force now (read at every run, so a reload applies)
     */
    public JournalRetention(Supplier<JournalConfig> settings, StoreAccess access, Clock clock) {
        this.settings = settings;
        this.access = access;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("switchboard-journal-retention")
                .daemon(true)
                .factory());
    }

    /** Runs the job now and then every {@link #EVERY}. */
    public JournalRetention start() {
        timer.scheduleWithFixedDelay(this::runQuietly, 5, EVERY.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            Deleted deleted = runOnce();
            if (deleted.byAge() + deleted.bySize() > 0) {
                LOG.info(
                        "journal retention deleted {} records older than the retention and {} over the size limit",
                        deleted.byAge(),
                        deleted.bySize());
            }
        } catch (StoreException | RuntimeException e) {
            LOG.warn("journal retention could not run now: {}", e.getMessage());
        }
    }

    /** Deletes what is too old, then what is over the size limit; returns how many records went. */
    public Deleted runOnce() throws StoreException {
        JournalConfig config = settings.get();
        ExchangeStore store = access.store().exchanges();
        long cutoff = Journal.micros(clock.instant().minus(config.retention()));
        long byAge = 0;
        int deleted;
        do {
            deleted = store.deleteOldest(cutoff);
            byAge += deleted;
        } while (deleted > 0);
        long bySize = 0;
        if (store.isSqlite()) {
            long limit = config.maxSize().bytes();
            for (int chunk = 0; chunk < MAX_CHUNKS_PER_RUN && store.usedBytes() > limit; chunk++) {
                deleted = store.deleteOldest(null);
                bySize += deleted;
                if (deleted == 0) {
                    break;
                }
            }
            if (byAge + bySize > 0) {
                store.checkpoint();
            }
        }
        return new Deleted(byAge, bySize);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

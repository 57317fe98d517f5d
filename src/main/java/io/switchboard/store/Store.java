package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's store: one SQLite file or one PostgreSQL database, migrated to the current schema when opened, with
 * one small store per kind of record.
 *
 * <p>Every method is blocking JDBC: call it from a worker or virtual thread, never from an event loop. A store is
 * thread-safe; SQLite writes are taken one at a time, reads run side by side. A failure is a checked
 * {@link StoreException}; {@link StoreUnavailableException} means the database is down or cannot work for now, and a
 * later call may succeed (a PostgreSQL store reconnects by itself once the server is back).
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final Database database;
    private final String schemaVersion;
    private final SwitchStore switches;
    private final EventStore events;
    private final CheckResultStore checks;
    private final ResourceReadingStore resources;
    private final Retention retention;
    private final ExchangeStore exchanges;

    private Store(Database database, String schemaVersion) {
        this.database = database;
        this.schemaVersion = schemaVersion;
        this.switches = new SwitchStore(database);
        this.events = new EventStore(database);
        this.checks = new CheckResultStore(database);
        this.resources = new ResourceReadingStore(database);
        this.retention = new Retention(database);
        this.exchanges = new ExchangeStore(database);
    }

    /**
     * Opens the store: creates a SQLite file (and its directory) on first use, or connects to PostgreSQL, then
     * applies the migrations the database does not have yet. Several nodes may open one PostgreSQL database at once;
     * Flyway's lock lets one of them migrate.
     *
     * @param clock the time source for {@link #status()}
     * @throws StoreUnavailableException when the database cannot be reached; opening again later may succeed
     * @throws StoreException when a migration fails
     */
    public static Store open(StoreLocation location, Clock clock) throws StoreException {
        return open(location, clock, null);
    }

    /**
     * Opens the store as {@link #open(StoreLocation, Clock)} does, its connection pool's meters in {@code registry}
     * (none when null).
     */
    public static Store open(StoreLocation location, Clock clock, @Nullable MeterRegistry registry)
            throws StoreException {
        requireNonNull(location, "location");
        requireNonNull(clock, "clock");
        Database database = Database.connect(location, clock, registry);
        try {
            Database.Migration migration = database.migrate();
            String journalMode = database.journalMode();
            if (journalMode != null && !journalMode.equalsIgnoreCase("wal")) {
                LOG.warn(
                        "store {} runs in journal mode {}, not WAL: the file system may not support WAL's shared memory",
                        location,
                        journalMode);
            }
            LOG.info(
                    "store {} open at schema version {} ({} migration(s) applied now)",
                    location,
                    migration.schemaVersion(),
                    migration.applied());
            return new Store(database, migration.schemaVersion());
        } catch (StoreException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Returns where this store lives (its {@code toString()} masks any password). */
    public StoreLocation location() {
        return database.location();
    }

    /** Returns the schema version the migrations left the database at, such as {@code 1}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Returns whether the last call reached the database, and since when. */
    public StoreStatus status() {
        return database.status();
    }

    /** Returns SQLite's journal mode ({@code wal}), or null for PostgreSQL. */
    public @Nullable String journalMode() throws StoreException {
        return database.journalMode();
    }

    public SwitchStore switches() {
        return switches;
    }

    public EventStore events() {
        return events;
    }

    public CheckResultStore checks() {
        return checks;
    }

    public ResourceReadingStore resources() {
        return resources;
    }

    public Retention retention() {
        return retention;
    }

    /** Returns the journal of exchanges. */
    public ExchangeStore exchanges() {
        return exchanges;
    }

    /** Closes the connections. Calls after this fail. */
    @Override
    public void close() {
        database.close();
    }
}

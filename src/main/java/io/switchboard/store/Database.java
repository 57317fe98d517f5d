package io.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The connections to one database, for the focused stores: reads, and write transactions that SQLite gets one at a
 * time. Turns every {@link SQLException} into a {@link StoreException} whose message names the store and the SQL
 * state but never the password, and keeps the {@link StoreStatus} up to date.
 */
final class Database implements AutoCloseable {
    /** How long a SQLite statement waits for another process's write lock before it gives up. */
    static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /** Page cache of each SQLite connection, in KiB. */
    static final int SQLITE_CACHE_KIB = 32 * 1024;

    /** The page size of a new SQLite store. */
    static final int SQLITE_PAGE_BYTES = 16 * 1024;

    /** How much of the SQLite file each connection reads through a memory map instead of read calls. */
    static final long SQLITE_MMAP_BYTES = 256L * 1024 * 1024;

    /** How long a caller waits for a PostgreSQL connection before the store counts as unavailable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    // SQLite's primary result codes that mean "cannot work for now" rather than "this statement is wrong":
    // BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB.
    private static final Set<Integer> SQLITE_UNAVAILABLE = Set.of(5, 6, 7, 8, 10, 11, 13, 14, 15, 26);

    private final StoreLocation location;
    private final HikariDataSource pool;
    private final @Nullable Lock writeLock;
    private final List<String> secrets;
    private final Clock clock;
    private final AtomicReference<StoreStatus> status;

    /** One unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(
            StoreLocation location,
            HikariDataSource pool,
            @Nullable Lock writeLock,
            List<String> secrets,
            Clock clock) {
        this.location = location;
        this.pool = pool;
        this.writeLock = writeLock;
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
        this.status = new AtomicReference<>(StoreStatus.availableSince(clock.instant()));
    }

    /**
     * Connects to the store's database.
     *
     * @param registry where the connection pool's meters go ({@code hikaricp_connections_*}, tagged {@code
     *     pool="switchboard-store"}; closing the pool removes them), or null for none
     */
    static Database connect(StoreLocation location, Clock clock, @Nullable MeterRegistry registry)
            throws StoreException {
        return switch (location) {
            case StoreLocation.Sqlite sqlite -> sqlite(sqlite, clock, registry);
            case StoreLocation.Postgres postgres -> postgres(postgres, clock, registry);
        };
    }

    private static Database sqlite(StoreLocation.Sqlite location, Clock clock, @Nullable MeterRegistry registry)
            throws StoreException {
        Path file = location.file().toAbsolutePath();
        Path directory = file.getParent();
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException(
                    "store " + location + " is unavailable: cannot create the directory " + directory + " (" + e + ")",
                    null,
                    e);
        }
        if (!Files.exists(file)) {
            createSqliteFile(location, file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
        // A larger page cache and memory-mapped reads spare a read system call per page missed: the journal's writes
        // touched index pages all over the file when trace ids had a B-tree index (before V8), and reads still do.
        config.setCacheSize(-SQLITE_CACHE_KIB);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(SQLITE_MMAP_BYTES));
        // IMMEDIATE takes the write lock when a transaction begins, so a transaction never fails halfway because
        // another process started writing first.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // The driver already serialises every call on a connection (its native methods are synchronized), and the pool
        // lends a connection to one thread at a time: SQLite's own per-call mutex only cost the writer a lock and an
        // unlock per bound value (~6% of its CPU in a profile).
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        HikariConfig hikari = poolConfig(location, registry);
        hikari.setDataSource(source);
        // SQLite allows one writer; readers share the pool and, under WAL, never wait for the writer.
        return new Database(location, new HikariDataSource(hikari), new ReentrantLock(true), List.of(), clock);
    }

    /**
     * Creates the file with {@value #SQLITE_PAGE_BYTES}-byte pages: the journal appends, and on larger pages SQLite
     * writes its log and checkpoints in fewer system calls per record. The page size must be set before WAL mode,
     * which fixes it, so this comes before the pool's connections; an existing file keeps its page size.
     */
    private static void createSqliteFile(StoreLocation.Sqlite location, Path file) throws StoreException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = " + SQLITE_PAGE_BYTES);
            statement.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw new StoreUnavailableException(
                    "store " + location + " is unavailable: cannot create the file " + file + " (" + e.getMessage()
                            + ")",
                    e.getSQLState(),
                    e);
        }
    }

    private static Database postgres(StoreLocation.Postgres location, Clock clock, @Nullable MeterRegistry registry)
            throws StoreException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {location.host()});
        source.setPortNumbers(new int[] {location.port()});
        source.setDatabaseName(location.database());
        if (location.user() != null) {
            source.setUser(location.user());
        }
        List<String> secrets = new ArrayList<>();
        if (location.password() != null) {
            source.setPassword(location.password().value());
            secrets.add(location.password().value());
        }
        source.setApplicationName("switchboard");
        source.setConnectTimeout((int) CONNECTION_TIMEOUT.toSeconds());
        source.setLoginTimeout(5);
        // A server that vanishes without closing the socket must not hang a caller for ever.
        source.setSocketTimeout(30);
        source.setTcpKeepAlive(true);
        // Batches (the journal's above all) go as multi-row INSERTs: one round trip per batch, not per row.
        source.setReWriteBatchedInserts(true);
        for (Map.Entry<String, String> parameter : location.parameters().entrySet()) {
            if (parameter.getKey().toLowerCase(Locale.ROOT).contains("password")) {
                secrets.add(parameter.getValue());
            }
            try {
                source.setProperty(parameter.getKey(), parameter.getValue());
            } catch (SQLException e) {
                throw new StoreException(
                        "store " + location + ": the URL parameter '" + parameter.getKey()
                                + "' is not a PostgreSQL driver property",
                        e.getSQLState(),
                        null);
            }
        }
        HikariConfig hikari = poolConfig(location, registry);
        hikari.setDataSource(source);
        return new Database(location, new HikariDataSource(hikari), null, secrets, clock);
    }

    private static HikariConfig poolConfig(StoreLocation location, @Nullable MeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("switchboard-store");
        if (registry != null) {
            // A pool that runs out of connections slows every store call: its waits and timeouts are worth a graph.
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        // Do not fail here when the database is down: the migration that follows reports it with a clear message,
        // and the pool reconnects by itself once the database is back.
        hikari.setInitializationFailTimeout(-1);
        hikari.setAutoCommit(true);
        if (location instanceof StoreLocation.Postgres) {
            hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return hikari;
    }

    /** Applies the migrations that the database does not have yet, and returns what it did. */
    Migration migrate() throws StoreException {
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                // Shared migrations, and those written for one database.
                .locations(
                        "classpath:db/migration",
                        location instanceof StoreLocation.Sqlite ? "classpath:db/sqlite" : "classpath:db/postgresql")
                .failOnMissingLocations(true)
                // Version 8 on SQLite builds the trace filters of the records already there: code, not SQL.
                .javaMigrations(
                        location instanceof StoreLocation.Sqlite
                                ? new JavaMigration[] {new TraceFilterMigration(), new PackMigration()}
                                : new JavaMigration[0])
                // During a rolling upgrade, a node older than the database meets migrations it does not know.
                .ignoreMigrationPatterns("*:future")
                .load();
        try {
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            String version = current == null ? "none" : current.getVersion().getVersion();
            markAvailable();
            return new Migration(version, result.migrationsExecuted);
        } catch (FlywayException e) {
            SQLException cause = sqlCause(e);
            if (cause != null) {
                throw failure("apply its migrations", cause);
            }
            throw new StoreException(
                    "store " + location + " could not apply its migrations: " + scrub(e.getMessage()), null, null);
        }
    }

    /** What {@link #migrate()} found and did. */
    record Migration(String schemaVersion, int applied) {}

    /** Runs a read; {@code what} names it in error messages ("list events"). */
    <T> T read(String what, Work<T> work) throws StoreException {
        try (Connection connection = pool.getConnection()) {
            T result = work.run(connection);
            markAvailable();
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs work in one transaction, one at a time for SQLite; {@code what} names it in error messages. */
    <T> T write(String what, Work<T> work) throws StoreException {
        Lock lock = writeLock;
        if (lock != null) {
            lock.lock();
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            markAvailable();
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    StoreLocation location() {
        return location;
    }

    StoreStatus status() {
        return status.get();
    }

    /** Returns SQLite's journal mode ({@code wal}), or null for PostgreSQL. */
    @Nullable
    String journalMode() throws StoreException {
        if (!(location instanceof StoreLocation.Sqlite)) {
            return null;
        }
        return read("read its journal mode", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
                return rows.next() ? rows.getString(1) : "unknown";
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void markAvailable() {
        StoreStatus before = status.get();
        if (!before.available() && status.compareAndSet(before, StoreStatus.availableSince(clock.instant()))) {
            LOG.info("store {} is available again (unavailable since {})", location, before.since());
        }
    }

    private void markUnavailable(String problem) {
        StoreStatus before = status.get();
        if (before.available()
                && status.compareAndSet(before, StoreStatus.unavailableSince(clock.instant(), problem))) {
            LOG.warn("{}", problem);
        }
    }

    StoreException failure(String what, SQLException e) {
        SQLException deepest = deepestSqlException(e);
        String sqlState = sqlState(e);
        boolean unavailable = isUnavailable(e);
        String message = "store " + location + (unavailable ? " is unavailable" : " failed") + " (" + what + "): "
                + scrub(String.valueOf(deepest.getMessage()).strip())
                + (sqlState == null ? "" : " (SQL state " + sqlState + ")");
        if (unavailable) {
            markUnavailable(message);
            return new StoreUnavailableException(message, sqlState, e);
        }
        return new StoreException(message, sqlState, e);
    }

    private boolean isUnavailable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                // Classes 08 (connection), 53 (insufficient resources), 57P (operator intervention: shutdown,
                // cannot connect now) and 58 (system error) are the server's way of saying "not now".
                if (state != null
                        && (state.startsWith("08")
                                || state.startsWith("53")
                                || state.startsWith("57P")
                                || state.startsWith("58"))) {
                    return true;
                }
                if (location instanceof StoreLocation.Sqlite
                        && SQLITE_UNAVAILABLE.contains(sql.getErrorCode() & 0xff)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable String sqlState(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static SQLException deepestSqlException(SQLException e) {
        SQLException deepest = e;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                deepest = sql;
            }
        }
        return deepest;
    }

    private static @Nullable SQLException sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private String scrub(@Nullable String text) {
        String scrubbed = String.valueOf(text);
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, "***");
            }
        }
        return scrubbed;
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Prepares {@code sql} with its first arguments bound in order (further ones may follow). */
    static PreparedStatement prepare(Connection connection, String sql, List<Object> arguments) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
        return statement;
    }

    static void setNullableString(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}

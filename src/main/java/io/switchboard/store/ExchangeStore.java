package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The journal's records: written in batches, listed newest first with filters and cursor paging, read one by one with
 * their details, aggregated for charts, and deleted oldest first in short transactions. On PostgreSQL a record is a
 * row of {@code exchange} with per-record indexes (SQL here); on SQLite a write batch is one packed value ({@link
 * PackedJournal}), which costs the journal's writer far less.
 */
public final class ExchangeStore {
    /** The most rows one write transaction holds, so SQLite's single writer is never held for long. */
    public static final int MAX_BATCH = 1000;

    /** Sorts after every id (ids are hex digits), for "every record" as an id bound. */
    static final String AFTER_EVERY_ID = "g";

    static final String COLUMNS = "id, time_us, kind, trace_id, request_id, caller, connector, capability, endpoint,"
            + " method, target, status, error, attempts, duration_us, upstream_us, bytes_in, bytes_out";
    private static final String INSERT = "INSERT INTO exchange (" + COLUMNS
            + ", detail_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_BLOCK =
            "INSERT INTO exchange_detail_block (id, last_id, data) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING";

    private final Database database;

    ExchangeStore(Database database) {
        this.database = database;
    }

    /** Returns whether this store is one SQLite file (whose size the journal keeps under a limit). */
    public boolean isSqlite() {
        return database.location() instanceof StoreLocation.Sqlite;
    }

    /**
     * Stores the records, {@value #MAX_BATCH} at most per transaction, and the details of each transaction's records
     * as one {@link DetailBlock}. On SQLite a transaction's records are one {@link RecordPack}; on PostgreSQL they are
     * rows, and known ids are skipped. Returns how many were given.
     */
    public int insertAll(List<ExchangeRecord> records) throws StoreException {
        for (int from = 0; from < records.size(); from += MAX_BATCH) {
            List<ExchangeRecord> batch = records.subList(from, Math.min(records.size(), from + MAX_BATCH));
            List<byte @Nullable []> batchDetails = DetailBlock.utf8(batch);
            // Compressing and packing happen before the write lock is taken: they are the writer's CPU, not the
            // database's.
            DetailBlock.Packed block = DetailBlock.pack(batch, batchDetails);
            List<@Nullable String> blocks = new ArrayList<>(batch.size());
            for (byte[] detail : batchDetails) {
                blocks.add(detail == null || block == null ? null : block.firstId());
            }
            insertBatch(batch, block, blocks);
        }
        return records.size();
    }

    /**
     * Stores one batch of at most {@link #MAX_BATCH} records, every one with its detail, the details given as the lines
     * of their block (the journal's writer lays them out as it takes each record).
     *
     * @param lines the records' details, one line per record in the same order (see {@link DetailBlock.Lines})
     */
    public void insertBatch(List<ExchangeRecord> records, DetailBlock.Lines lines) throws StoreException {
        if (records.isEmpty() || records.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " records, not " + records.size());
        }
        DetailBlock.Packed block = DetailBlock.pack(records, lines);
        insertBatch(records, block, Collections.nCopies(records.size(), block.firstId()));
    }

    /** Writes one batch in one transaction: its records, each naming its detail block (or null), and the block. */
    private void insertBatch(
            List<ExchangeRecord> batch, DetailBlock.@Nullable Packed block, List<@Nullable String> blocks)
            throws StoreException {
        byte[] pack = isSqlite() ? RecordPack.pack(batch, blocks) : null;
        BatchSummary summary = isSqlite() ? BatchSummary.of(batch) : null;
        database.write("write " + batch.size() + " journal records", connection -> {
            if (pack != null && summary != null) {
                PackedJournal.insert(connection, batch, pack, summary);
            } else {
                try (PreparedStatement rows = connection.prepareStatement(INSERT)) {
                    for (int i = 0; i < batch.size(); i++) {
                        bind(rows, batch.get(i));
                        Database.setNullableString(rows, 19, blocks.get(i));
                        rows.addBatch();
                    }
                    rows.executeBatch();
                }
            }
            if (block != null) {
                try (PreparedStatement statement = connection.prepareStatement(INSERT_BLOCK)) {
                    statement.setString(1, block.firstId());
                    statement.setString(2, block.lastId());
                    statement.setBytes(3, block.data());
                    statement.executeUpdate();
                }
            }
            return batch.size();
        });
    }

    /** Returns one page of the records the query selects, newest first, without details. */
    public ExchangePage list(ExchangeQuery query) throws StoreException {
        requireNonNull(query, "query");
        return database.read("list journal records", connection -> {
            if (isSqlite()) {
                return PackedJournal.page(connection, query);
            }
            List<Object> arguments = new ArrayList<>();
            List<ExchangeRecord> records = new ArrayList<>();
            try (PreparedStatement statement = Database.prepare(connection, pageSql(query, arguments), arguments);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    records.add(record(rows));
                }
            }
            return ExchangePage.ofOneMore(records, query.limit());
        });
    }

    /**
     * Returns the plan the database would use to find the query's page, one line per step (on SQLite: that of the
     * trigram index's hits, or of the candidate batches); for benchmarks and tuning.
     */
    public List<String> explain(ExchangeQuery query) throws StoreException {
        String prefix = isSqlite() ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
        return database.read("explain a journal query", connection -> {
            List<Object> arguments = new ArrayList<>();
            String sql;
            if (isSqlite()) {
                TargetIndex.Match match = PackedJournal.targetMatch(connection, query);
                if (match != null) {
                    sql = TargetIndex.BATCH_HITS;
                    arguments.add(match.phrase());
                } else {
                    BatchIndex.BatchQuery batches = BatchIndex.batches(query);
                    sql = batches.sql();
                    arguments.addAll(batches.arguments());
                }
            } else {
                sql = pageSql(query, arguments);
            }
            List<String> lines = new ArrayList<>();
            try (PreparedStatement statement = Database.prepare(connection, prefix + sql, arguments);
                    ResultSet rows = statement.executeQuery()) {
                int column = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    lines.add(rows.getString(column));
                }
            }
            return lines;
        });
    }

    /** Returns the record with its details, or empty when no record has this id. */
    public Optional<ExchangeRecord> find(String id) throws StoreException {
        requireNonNull(id, "id");
        return database.read("read a journal record", connection -> {
            if (isSqlite()) {
                return PackedJournal.find(connection, id);
            }
            ExchangeRecord found;
            String blockId;
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + ", detail_block,"
                    + " (SELECT detail FROM exchange_detail d WHERE d.id = exchange.id) AS detail"
                    + " FROM exchange WHERE id = ?")) {
                statement.setString(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<ExchangeRecord>empty();
                    }
                    // Records from before V5 have their detail in exchange_detail, one row each.
                    found = record(rows, rows.getString("detail"));
                    blockId = rows.getString("detail_block");
                }
            }
            if (found.detail() != null || blockId == null) {
                return Optional.of(found);
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT data FROM exchange_detail_block WHERE id = ?")) {
                statement.setString(1, blockId);
                try (ResultSet rows = statement.executeQuery()) {
                    byte[] block = rows.next() ? rows.getBytes(1) : null;
                    return Optional.of(block == null ? found : found.withDetail(DetailBlock.detailOf(block, id)));
                }
            }
        });
    }

    /** Receives the points of {@link #points}. */
    @FunctionalInterface
    public interface PointSink {
        /** Takes one exchange's time, status (0 when none), whether it had a gateway error, and its duration. */
        void accept(long timeMicros, int status, boolean gatewayError, long durationMicros);
    }

    /** Hands every proxied exchange of {@code connector} from {@code sinceMicros} on to {@code sink}, in no order. */
    public void points(String connector, long sinceMicros, PointSink sink) throws StoreException {
        String select = "SELECT time_us, status, error, duration_us FROM exchange"
                + " WHERE connector = ? AND id >= ? AND kind = 'proxy'";
        database.read("read journal points", connection -> {
            if (isSqlite()) {
                PackedJournal.points(connection, connector, sinceMicros, sink);
                return Boolean.TRUE;
            }
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setString(1, connector);
                statement.setString(2, ExchangeRecord.idFloor(sinceMicros));
                statement.setFetchSize(10_000);
                readPoints(statement, sink);
            }
            return Boolean.TRUE;
        });
    }

    private static void readPoints(PreparedStatement statement, PointSink sink) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sink.accept(rows.getLong(1), rows.getInt(2), rows.getString(3) != null, rows.getLong(4));
            }
        }
    }

    /**
     * Calls between one caller and one connector.
     *
     * @param caller the caller, or null for calls without one
     * @param connector the connector
     * @param calls how many calls
     * @param errors how many of them got a status of 500 or more or a gateway error
     */
    public record Edge(@Nullable String caller, String connector, long calls, long errors) {}

    /** Returns the calls per caller and connector from {@code sinceMicros} on (proxied exchanges only). */
    public List<Edge> edges(long sinceMicros) throws StoreException {
        return database.read("read the service map", connection -> {
            if (isSqlite()) {
                return PackedJournal.edges(connection, sinceMicros);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT caller, connector, COUNT(*), SUM(CASE WHEN status >= 500 OR error IS NOT NULL THEN 1"
                            + " ELSE 0 END) FROM exchange WHERE id >= ? AND kind = 'proxy' GROUP BY caller,"
                            + " connector ORDER BY connector, caller")) {
                statement.setString(1, ExchangeRecord.idFloor(sinceMicros));
                List<Edge> edges = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        edges.add(new Edge(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
                    }
                }
                return edges;
            }
        });
    }

    /**
     * Deletes up to {@value #MAX_BATCH} of the oldest records from before {@code beforeMicros} (or of all records when
     * null), details included, in one short transaction; returns how many records went, 0 once none is left to go. On
     * SQLite that is one write batch's records: those before {@code beforeMicros} of the batch holding the oldest
     * record, or without a time, the oldest batch whole.
     */
    public int deleteOldest(@Nullable Long beforeMicros) throws StoreException {
        String ceiling = beforeMicros == null ? AFTER_EVERY_ID : ExchangeRecord.idFloor(beforeMicros);
        return database.write("delete old journal records", connection -> {
            if (isSqlite()) {
                return PackedJournal.deleteOldest(connection, beforeMicros == null ? null : ceiling);
            }
            String boundary = null;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id FROM exchange WHERE id < ? ORDER BY id LIMIT 1 OFFSET " + (MAX_BATCH - 1))) {
                statement.setString(1, ceiling);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        boundary = rows.getString(1);
                    }
                }
            }
            String below = boundary == null ? " < ?" : " <= ?";
            String rowCondition = "id" + below;
            String bound = boundary == null ? ceiling : boundary;
            int deleted;
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM exchange WHERE " + rowCondition)) {
                statement.setString(1, bound);
                deleted = statement.executeUpdate();
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM exchange_detail WHERE " + rowCondition)) {
                statement.setString(1, bound);
                statement.executeUpdate();
            }
            // A block goes with its newest record; "id" first so the primary key finds the few old blocks.
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM exchange_detail_block WHERE id" + below + " AND last_id" + below)) {
                statement.setString(1, bound);
                statement.setString(2, bound);
                statement.executeUpdate();
            }
            return deleted;
        });
    }

    /** Returns how many bytes of the SQLite file hold data (free pages left by deletes not counted); 0 for PostgreSQL. */
    public long usedBytes() throws StoreException {
        if (!isSqlite()) {
            return 0;
        }
        return database.read("measure the store", connection -> {
            long pages = pragma(connection, "page_count");
            long free = pragma(connection, "freelist_count");
            long size = pragma(connection, "page_size");
            return (pages - free) * size;
        });
    }

    /** Moves SQLite's write-ahead log into the main file and truncates it; nothing for PostgreSQL. */
    public void checkpoint() throws StoreException {
        if (!isSqlite()) {
            return;
        }
        database.read("checkpoint the store", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        });
    }

    /** Returns how many records the journal holds (a full count: for tests and benchmarks, not for the hot path). */
    public long count() throws StoreException {
        return database.read("count journal records", connection -> {
            if (isSqlite()) {
                return PackedJournal.count(connection);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM exchange")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static long pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Returns the SELECT of a page on PostgreSQL: {@code limit + 1} rows newest first, through the indexes by id. */
    private static String pageSql(ExchangeQuery query, List<Object> arguments) {
        String sql = "SELECT " + COLUMNS + " FROM exchange" + where(query, arguments) + " ORDER BY id DESC LIMIT ?";
        arguments.add(query.limit() + 1);
        return sql;
    }

    private static String where(ExchangeQuery query, List<Object> arguments) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (query.connector() != null) {
            sql.append(" AND connector = ?");
            arguments.add(query.connector());
        }
        String caller = query.caller();
        if (caller != null) {
            if (caller.equals(ExchangeQuery.ANONYMOUS)) {
                sql.append(" AND caller IS NULL");
            } else {
                sql.append(" AND caller = ?");
                arguments.add(caller);
            }
        }
        Integer status = query.status();
        if (status != null) {
            // Through the class index (V4 has no index on the exact status): written like its expression.
            sql.append(" AND (status / 100) = ? AND status = ?");
            arguments.add(status / 100);
            arguments.add(status);
        }
        if (query.statusClass() != null) {
            // Written exactly like the expression of the index exchange_by_status_class.
            sql.append(" AND (status / 100) = ?");
            arguments.add(query.statusClass());
        }
        if (query.error() != null) {
            sql.append(" AND error = ?");
            arguments.add(query.error());
        }
        if (query.traceId() != null) {
            sql.append(" AND trace_id = ?");
            arguments.add(query.traceId());
        }
        if (query.sinceMicros() != null) {
            sql.append(" AND id >= ?");
            arguments.add(ExchangeRecord.idFloor(query.sinceMicros()));
        }
        if (query.untilMicros() != null) {
            sql.append(" AND id < ?");
            arguments.add(ExchangeRecord.idFloor(query.untilMicros()));
        }
        if (query.cursor() != null) {
            sql.append(" AND id < ?");
            arguments.add(query.cursor());
        }
        String contains = query.targetContains();
        if (contains != null && !contains.isEmpty()) {
            sql.append(" AND LOWER(target) LIKE ? ESCAPE '!'");
            arguments.add("%" + escapeLike(contains.toLowerCase(Locale.ROOT)) + "%");
        }
        return sql.toString();
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(PreparedStatement statement, ExchangeRecord record) throws SQLException {
        statement.setString(1, record.id());
        statement.setLong(2, record.timeMicros());
        statement.setString(3, record.kind());
        Database.setNullableString(statement, 4, record.traceId());
        Database.setNullableString(statement, 5, record.requestId());
        Database.setNullableString(statement, 6, record.caller());
        statement.setString(7, record.connector());
        Database.setNullableString(statement, 8, record.capability());
        Database.setNullableString(statement, 9, record.endpoint());
        statement.setString(10, record.method());
        statement.setString(11, record.target());
        Integer status = record.status();
        if (status == null) {
            statement.setNull(12, Types.INTEGER);
        } else {
            statement.setInt(12, status);
        }
        Database.setNullableString(statement, 13, record.error());
        statement.setInt(14, record.attempts());
        statement.setLong(15, record.durationMicros());
        Long upstream = record.upstreamMicros();
        if (upstream == null) {
            statement.setNull(16, Types.BIGINT);
        } else {
            statement.setLong(16, upstream);
        }
        statement.setLong(17, record.bytesIn());
        statement.setLong(18, record.bytesOut());
    }

    static ExchangeRecord record(ResultSet rows) throws SQLException {
        return record(rows, null);
    }

    private static ExchangeRecord record(ResultSet rows, @Nullable String detail) throws SQLException {
        int status = rows.getInt("status");
        boolean noStatus = rows.wasNull();
        long upstream = rows.getLong("upstream_us");
        boolean noUpstream = rows.wasNull();
        return new ExchangeRecord(
                rows.getString("id"),
                rows.getLong("time_us"),
                rows.getString("kind"),
                rows.getString("trace_id"),
                rows.getString("request_id"),
                rows.getString("caller"),
                rows.getString("connector"),
                rows.getString("capability"),
                rows.getString("endpoint"),
                rows.getString("method"),
                rows.getString("target"),
                noStatus ? null : status,
                rows.getString("error"),
                rows.getInt("attempts"),
                rows.getLong("duration_us"),
                noUpstream ? null : upstream,
                rows.getLong("bytes_in"),
                rows.getLong("bytes_out"),
                detail);
    }
}

package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's index of the journal by write batch (db/sqlite V7 and V8): which batches hold records of a connector, a
 * caller, a status, a status class or an error kind, which may hold a trace ({@link TraceFilter}), and how to read a
 * page from them newest first.
 *
 * <p>A batch's records are numbered by one range of rows ({@code first_row..last_row}; since version 10 they are one
 * {@link RecordPack}, before it they were rows with those rowids). A page is read by walking the batches that may
 * match, newest written first, reading each one's pack with every filter applied ({@link PackedJournal}), and keeping
 * the best by id ({@link NewestById}, which also says when the walk may stop: batches are written in the order calls
 * end, not the order they began).
 */
final class BatchIndex {
    /** Takes one candidate batch of a walk; returns false to stop the walk. */
    @FunctionalInterface
    interface BatchVisitor {
        boolean visit(long firstRow, long endedMicros) throws SQLException;
    }

    /**
     * The SELECT of the batches that may hold a match, newest first (columns first_row, ended_us, and the
     * trace filter when the query has a trace).
     *
     * @param sql the statement
     * @param arguments its arguments, in order
     */
    record BatchQuery(String sql, List<Object> arguments) {}

    private BatchIndex() {}

    /** Returns the last row of the newest batch (0 when there is none): the rows a batch adds come after it. */
    static long lastRow(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT last_row FROM exchange_batch ORDER BY first_row DESC LIMIT 1")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /**
     * Indexes the batch of rows {@code firstRow..lastRow}, in the writer's transaction: one batch row, the filter of
     * its trace ids, and one key row per distinct filter value.
     */
    static void add(Connection connection, long firstRow, long lastRow, BatchSummary summary) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO exchange_batch (first_row, last_row, min_id, ended_us) VALUES (?, ?, ?, ?)")) {
            statement.setLong(1, firstRow);
            statement.setLong(2, lastRow);
            statement.setString(3, summary.minId());
            statement.setLong(4, summary.endedMicros());
            statement.executeUpdate();
        }
        try (PreparedStatement statement =
                connection.prepareStatement("INSERT INTO exchange_batch_trace (batch, filter) VALUES (?, ?)")) {
            statement.setLong(1, firstRow);
            statement.setBytes(2, summary.traceFilter());
            statement.executeUpdate();
        }
        try (PreparedStatement statement =
                connection.prepareStatement("INSERT INTO exchange_batch_key (batch, key) VALUES (?, ?)")) {
            for (String key : summary.keys()) {
                statement.setLong(1, firstRow);
                statement.setString(2, key);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Forgets a batch whose records are all deleted. */
    static void remove(Connection connection, long firstRow) throws SQLException {
        for (String sql : List.of(
                "DELETE FROM exchange_batch_key WHERE batch = ?",
                "DELETE FROM exchange_batch_trace WHERE batch = ?",
                "DELETE FROM exchange_batch WHERE first_row = ?")) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, firstRow);
                statement.executeUpdate();
            }
        }
    }

    /**
     * Returns the SELECT of the batches that may hold records the query selects, newest first: through the key index
     * for the query's likely rarest key filter, the others checked per batch; every batch when it has none.
     */
    static BatchQuery batches(ExchangeQuery query) {
        List<String> keys = keys(query);
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT b.first_row, b.ended_us");
        // The filters are a table of their own: in exchange_batch they would make every other walk read ~1 KB a batch.
        String traces = query.traceId() == null ? "" : " LEFT JOIN exchange_batch_trace t ON t.batch = b.first_row";
        sql.append(query.traceId() == null ? " FROM " : ", t.filter FROM ");
        String order;
        if (keys.isEmpty()) {
            sql.append("exchange_batch b").append(traces).append(" WHERE 1 = 1");
            order = "b.first_row";
        } else {
            sql.append("exchange_batch_key k CROSS JOIN exchange_batch b ON b.first_row = k.batch")
                    .append(traces)
                    .append(" WHERE k.key = ?");
            arguments.add(keys.getFirst());
            order = "k.batch";
        }
        for (String key : keys.subList(Math.min(1, keys.size()), keys.size())) {
            sql.append(" AND EXISTS (SELECT 1 FROM exchange_batch_key x WHERE x.batch = b.first_row AND x.key = ?)");
            arguments.add(key);
        }
        String below = RecordPack.Selection.belowId(query);
        if (below != null) {
            // A batch whose oldest record is not below the cursor (or the until) has nothing for this page.
            sql.append(" AND b.min_id < ?");
            arguments.add(below);
        }
        sql.append(" ORDER BY ").append(order).append(" DESC");
        return new BatchQuery(sql.toString(), arguments);
    }

    /**
     * Walks the batches that may hold records the query selects, newest first, until the visitor says stop or the
     * batches are older than the query's since (by more than the slack). For a trace, batches whose filter rules it
     * out are passed over.
     */
    static void walk(Connection connection, ExchangeQuery query, BatchVisitor visitor) throws SQLException {
        BatchQuery batches = batches(query);
        Long since = query.sinceMicros();
        String traceId = query.traceId();
        try (PreparedStatement statement = Database.prepare(connection, batches.sql(), batches.arguments())) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long ended = rows.getLong(2);
                    if (since != null && ended + NewestById.QUEUE_ORDER_SLACK_MICROS < since) {
                        return;
                    }
                    if (traceId != null) {
                        byte[] filter = rows.getBytes(3);
                        if (filter != null && !TraceFilter.mayContain(filter, traceId)) {
                            continue;
                        }
                    }
                    if (!visitor.visit(rows.getLong(1), ended)) {
                        return;
                    }
                }
            }
        }
    }

    /** Returns the batch keys a query's filters need, the likely rarest first (the first leads the walk). */
    static List<String> keys(ExchangeQuery query) {
        List<String> keys = new ArrayList<>();
        String error = query.error();
        if (error != null) {
            keys.add(BatchSummary.errorKey(error));
        }
        Integer status = query.status();
        if (status != null) {
            keys.add(BatchSummary.statusKey(status));
        }
        String caller = query.caller();
        if (caller != null) {
            keys.add(BatchSummary.callerKey(caller.equals(ExchangeQuery.ANONYMOUS) ? null : caller));
        }
        String connector = query.connector();
        if (connector != null) {
            keys.add(BatchSummary.connectorKey(connector));
        }
        Integer statusClass = query.statusClass();
        if (statusClass != null) {
            keys.add(BatchSummary.classKey(statusClass));
        }
        return keys;
    }
}

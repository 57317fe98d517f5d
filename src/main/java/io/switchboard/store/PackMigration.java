package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store version 10 on SQLite: the journal's records packed per write batch ({@link RecordPack}) instead of a row each.
 *
 * <p>A row per record cost the journal's writer its primary-key entry, nineteen bound values and a B-tree insert: most
 * of its work besides the details. The records already there are packed here, batch by batch of the batch index (V7),
 * keeping their row numbers, so that the batch index and the trigram index of targets stay as they are; their rows in
 * {@code exchange} are then deleted. The table stays, empty (PostgreSQL's journal is still its rows). Written in Java
 * because packing is Java code; PostgreSQL's version 10 changes nothing.
 */
final class PackMigration extends StoreJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(PackMigration.class);

    PackMigration() {
        super(10, "journal packs");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            // batch: the batch's first_row in exchange_batch. min_id and max_id: its smallest and largest record id,
            // by which a record is found (a record's pack is one whose range holds its id) and retention picks the
            // oldest. records: how many it holds.
            statement.execute("CREATE TABLE exchange_pack (batch INTEGER PRIMARY KEY, min_id TEXT NOT NULL,"
                    + " max_id TEXT NOT NULL, records INTEGER NOT NULL, data BLOB NOT NULL)");
            statement.execute("CREATE INDEX exchange_pack_by_min_id ON exchange_pack (min_id, max_id)");
        }
        long started = System.nanoTime();
        long packed = 0;
        List<long[]> batches = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT first_row, last_row FROM exchange_batch ORDER BY first_row")) {
            while (rows.next()) {
                batches.add(new long[] {rows.getLong(1), rows.getLong(2)});
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT rowid, " + ExchangeStore.COLUMNS
                        + ", detail_block FROM exchange WHERE rowid BETWEEN ? AND ? ORDER BY rowid");
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM exchange WHERE rowid BETWEEN ? AND ?")) {
            for (long[] batch : batches) {
                packed += pack(connection, batch[0], batch[1], select, delete);
            }
        }
        long left;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM exchange")) {
            rows.next();
            left = rows.getLong(1);
        }
        if (left > 0) {
            // Every row has been in a batch since version 7: a row outside them would be a damaged file's.
            LOG.warn("journal: {} records outside every batch were left unpacked and are not shown", left);
        }
        if (packed > 0) {
            LOG.info(
                    "journal: {} records packed in {} batches in {} ms",
                    packed,
                    batches.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Packs the rows of one batch and deletes them; a batch left empty is forgotten. Returns how many it held. */
    private static int pack(
            Connection connection, long firstRow, long lastRow, PreparedStatement select, PreparedStatement delete)
            throws SQLException {
        List<ExchangeRecord> records = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<@Nullable String> blocks = new ArrayList<>();
        select.setLong(1, firstRow);
        select.setLong(2, lastRow);
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ExchangeRecord record = ExchangeStore.record(rows);
                records.add(record);
                offsets.add(rows.getLong("rowid") - firstRow);
                blocks.add(rows.getString("detail_block"));
            }
        }
        if (records.isEmpty()) {
            BatchIndex.remove(connection, firstRow);
            return 0;
        }
        // Every record's target went into the trigram index when it was a row (V6 and the writer before V10).
        long[] rowOffsets = offsets.stream().mapToLong(Long::longValue).toArray();
        PackedJournal.insertPack(
                connection,
                firstRow,
                records,
                RecordPack.packRows(records, rowOffsets, blocks, TargetIndex.Entries.EVERY_RECORD));
        delete.setLong(1, firstRow);
        delete.setLong(2, lastRow);
        delete.executeUpdate();
        return records.size();
    }
}

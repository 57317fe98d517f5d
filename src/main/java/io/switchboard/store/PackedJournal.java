package io.switchboard.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The journal's records on SQLite (store version 10): one {@link RecordPack} per write batch in {@code exchange_pack},
 * found through the batch index ({@link BatchIndex}), the trigram index of targets ({@link TargetIndex}) and, for one
 * record by id, the packs' id ranges. Every method runs inside the caller's transaction.
 *
 * <p>A batch's records are numbered {@code first_row..last_row} as their rows were before version 10: the batch
 * index's ranges and the trigram index's row ids keep their meaning, and a record's row is its batch's first row plus
 * its position in the pack.
 */
final class PackedJournal {
    private static final String PACK_OF_BATCH = "SELECT data FROM exchange_pack WHERE batch = ?";

    private PackedJournal() {}

    /** Writes a batch: its pack, its targets into the trigram index, its entry in the batch index. */
    static void insert(Connection connection, List<ExchangeRecord> batch, byte[] pack, BatchSummary summary)
            throws SQLException {
        long firstRow = BatchIndex.lastRow(connection) + 1;
        long lastRow = firstRow + batch.size() - 1;
        insertPack(connection, firstRow, batch, pack);
        List<String> targets = new ArrayList<>(batch.size());
        for (ExchangeRecord record : batch) {
            targets.add(record.target());
        }
        TargetIndex.add(connection, firstRow, targets);
        BatchIndex.add(connection, firstRow, lastRow, summary);
    }

    /** Stores the pack of a batch's records, with the id range a record is found by. */
    static void insertPack(Connection connection, long firstRow, List<ExchangeRecord> records, byte[] pack)
            throws SQLException {
        IdRange ids = IdRange.of(records);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO exchange_pack (batch, min_id, max_id, records, data) VALUES (?, ?, ?, ?, ?)")) {
            statement.setLong(1, firstRow);
            statement.setString(2, ids.min());
            statement.setString(3, ids.max());
            statement.setInt(4, records.size());
            statement.setBytes(5, pack);
            statement.executeUpdate();
        }
    }

    /** Returns one page of the records the query selects, newest first. */
    static ExchangePage page(Connection connection, ExchangeQuery query) throws SQLException {
        RecordPack.Selection selection = RecordPack.Selection.of(query);
        TargetIndex.Match match = targetMatch(connection, query);
        NewestById page = new NewestById(query.limit());
        try (PreparedStatement packs = connection.prepareStatement(PACK_OF_BATCH)) {
            if (match != null) {
                pageByTarget(connection, match, packs, selection, page);
            } else {
                BatchIndex.walk(connection, query, (firstRow, ended) -> {
                    if (page.complete(ended)) {
                        return false;
                    }
                    read(packs, firstRow, selection, page::add);
                    return true;
                });
            }
        }
        return page.page();
    }

    /**
     * Returns the trigram index's query when the page is read through it (see {@link TargetIndex#match}), or null
     * when the page is read through the batch index.
     */
    static TargetIndex.@Nullable Match targetMatch(Connection connection, ExchangeQuery query) throws SQLException {
        String contains = query.targetContains();
        // A trace goes through the batches' trace filters, which rule out nearly every batch whatever the q.
        return contains == null || query.traceId() != null ? null : TargetIndex.match(connection, contains);
    }

    /**
     * Reads a page from the batches the trigram indexes list, newest written first: each batch is read once, all its
     * records checked against the text. The per-batch index holds every batch written since version 11, all newer
     * than those of the per-record index, so it is read first. The hits come in the order the records were written,
     * so {@link NewestById} decides when no later one can make the page.
     */
    private static void pageByTarget(
            Connection connection,
            TargetIndex.Match match,
            PreparedStatement packs,
            RecordPack.Selection selection,
            NewestById page)
            throws SQLException {
        try (PreparedStatement batchHits = connection.prepareStatement(TargetIndex.BATCH_HITS);
                PreparedStatement recordHits = connection.prepareStatement(TargetIndex.RECORD_HITS);
                PreparedStatement batches = connection.prepareStatement(
                        "SELECT first_row, last_row, ended_us FROM exchange_batch WHERE first_row <= ?"
                                + " ORDER BY first_row DESC LIMIT 1")) {
            batchHits.setString(1, match.phrase());
            recordHits.setString(1, match.pieces());
            long batchRead = Long.MAX_VALUE;
            for (PreparedStatement hits : List.of(batchHits, recordHits)) {
                try (ResultSet hit = hits.executeQuery()) {
                    while (hit.next()) {
                        long row = hit.getLong(1);
                        if (row >= batchRead) {
                            continue; // another hit of the batch just read
                        }
                        batches.setLong(1, row);
                        try (ResultSet batch = batches.executeQuery()) {
                            if (!batch.next() || batch.getLong(2) < row) {
                                continue; // a hit of no batch: never a record's
                            }
                            if (page.complete(batch.getLong(3))) {
                                return;
                            }
                            batchRead = batch.getLong(1);
                        }
                        read(packs, batchRead, selection, page::add);
                    }
                }
            }
        }
    }

    /** Hands the selected records of one batch's pack to {@code sink}. */
    private static void read(
            PreparedStatement packs, long firstRow, RecordPack.Selection selection, Consumer<ExchangeRecord> sink)
            throws SQLException {
        byte[] data = pack(packs, firstRow);
        if (data == null) {
            return;
        }
        RecordPack.Reader reader = new RecordPack.Reader(data, firstRow, selection);
        while (reader.next()) {
            if (reader.targetMatches()) {
                sink.accept(reader.record());
            }
        }
    }

    private static byte @Nullable [] pack(PreparedStatement packs, long firstRow) throws SQLException {
        packs.setLong(1, firstRow);
        try (ResultSet found = packs.executeQuery()) {
            return found.next() ? found.getBytes(1) : null;
        }
    }

    /**
     * Returns the record with its details, or empty. Its pack is among those whose id range holds the id, found
     * through their index by smallest id, nearest first; records are seldom in more than one or two such packs.
     */
    static Optional<ExchangeRecord> find(Connection connection, String id) throws SQLException {
        byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
        ExchangeRecord found = null;
        String block = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT batch, data FROM exchange_pack" + " WHERE min_id <= ? AND max_id >= ? ORDER BY min_id DESC")) {
            statement.setString(1, id);
            statement.setString(2, id);
            try (ResultSet packs = statement.executeQuery()) {
                while (found == null && packs.next()) {
                    RecordPack.Reader reader =
                            new RecordPack.Reader(packs.getBytes(2), packs.getLong(1), RecordPack.Selection.ALL);
                    while (reader.next()) {
                        if (reader.idIs(wanted)) {
                            found = reader.record();
                            block = reader.detailBlock();
                            break;
                        }
                    }
                }
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(found.withDetail(detail(connection, id, block)));
    }

    /** Returns a record's detail: from its batch's block, or for records from before version 5, from its own row. */
    private static @Nullable String detail(Connection connection, String id, @Nullable String block)
            throws SQLException {
        String sql = block == null
                ? "SELECT detail FROM exchange_detail WHERE id = ?"
                : "SELECT data FROM exchange_detail_block WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, block == null ? id : block);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return block == null ? rows.getString(1) : DetailBlock.detailOf(rows.getBytes(1), id);
            }
        }
    }

    /** Hands every proxied exchange of {@code connector} from {@code sinceMicros} on to {@code sink}. */
    static void points(Connection connection, String connector, long sinceMicros, ExchangeStore.PointSink sink)
            throws SQLException {
        eachProxied(
                connection,
                connector,
                sinceMicros,
                reader -> sink.accept(
                        reader.timeMicros(), reader.statusOrZero(), reader.hasError(), reader.durationMicros()));
    }

    /** Returns the calls per caller and connector from {@code sinceMicros} on, by connector then caller. */
    static List<ExchangeStore.Edge> edges(Connection connection, long sinceMicros) throws SQLException {
        Map<List<@Nullable String>, long[]> counts = new HashMap<>();
        eachProxied(connection, null, sinceMicros, reader -> {
            long[] count =
                    counts.computeIfAbsent(Arrays.asList(reader.caller(), reader.connector()), key -> new long[2]);
            count[0]++;
            if (reader.statusOrZero() >= 500 || reader.hasError()) {
                count[1]++;
            }
        });
        List<ExchangeStore.Edge> edges = new ArrayList<>(counts.size());
        counts.forEach((key, count) ->
                edges.add(new ExchangeStore.Edge(key.get(0), Objects.requireNonNull(key.get(1)), count[0], count[1])));
        // As SQL's ORDER BY connector, caller on SQLite: calls without a caller first.
        edges.sort(Comparator.comparing(ExchangeStore.Edge::connector)
                .thenComparing(ExchangeStore.Edge::caller, Comparator.nullsFirst(Comparator.naturalOrder())));
        return edges;
    }

    /**
     * Hands the reader, on each proxied exchange of {@code connector} (or of every connector when null) from {@code
     * sinceMicros} on, to {@code visit}: the batches since then, through the batch index, each decoded once.
     */
    private static void eachProxied(
            Connection connection, @Nullable String connector, long sinceMicros, Consumer<RecordPack.Reader> visit)
            throws SQLException {
        ExchangeQuery batches =
                new ExchangeQuery(connector, null, null, null, null, null, sinceMicros, null, null, 1, null);
        RecordPack.Selection selection = RecordPack.Selection.proxied(connector, sinceMicros);
        try (PreparedStatement packs = connection.prepareStatement(PACK_OF_BATCH)) {
            BatchIndex.walk(connection, batches, (firstRow, ended) -> {
                byte[] data = pack(packs, firstRow);
                if (data != null) {
                    RecordPack.Reader reader = new RecordPack.Reader(data, firstRow, selection);
                    while (reader.next()) {
                        visit.accept(reader);
                    }
                }
                return true;
            });
        }
    }

    /**
     * Deletes the oldest records: with {@code ceiling}, those of the pack with the oldest record if any is below it
     * (the whole pack when all are, else only those: the pack is written again without them); without, the oldest
     * written pack whole. Returns how many records went (0 when nothing is left to delete).
     */
    static int deleteOldest(Connection connection, @Nullable String ceiling) throws SQLException {
        String select = "SELECT batch, max_id, data FROM exchange_pack"
                + (ceiling == null ? " ORDER BY batch LIMIT 1" : " WHERE min_id < ? ORDER BY min_id LIMIT 1");
        long firstRow;
        String maxId;
        byte[] data;
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            if (ceiling != null) {
                statement.setString(1, ceiling);
            }
            try (ResultSet oldest = statement.executeQuery()) {
                if (!oldest.next()) {
                    return 0;
                }
                firstRow = oldest.getLong(1);
                maxId = oldest.getString(2);
                data = oldest.getBytes(3);
            }
        }
        boolean whole = ceiling == null || maxId.compareTo(ceiling) < 0;
        List<ExchangeRecord> kept = new ArrayList<>();
        List<Long> keptRows = new ArrayList<>();
        List<String> keptTargets = new ArrayList<>();
        List<@Nullable String> keptBlocks = new ArrayList<>();
        List<Long> allRows = new ArrayList<>();
        List<String> allTargets = new ArrayList<>();
        RecordPack.Reader reader = new RecordPack.Reader(data, firstRow, RecordPack.Selection.ALL);
        while (reader.next()) {
            ExchangeRecord record = reader.record();
            allRows.add(reader.row());
            allTargets.add(record.target());
            if (!whole && record.id().compareTo(Objects.requireNonNull(ceiling)) >= 0) {
                kept.add(record);
                keptRows.add(reader.row());
                keptTargets.add(record.target());
                keptBlocks.add(reader.detailBlock());
            }
        }
        TargetIndex.Entries entries =
                TargetIndex.replace(connection, reader.targets(), firstRow, allRows, allTargets, keptRows, keptTargets);
        if (kept.isEmpty()) {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM exchange_pack WHERE batch = ?")) {
                statement.setLong(1, firstRow);
                statement.executeUpdate();
            }
            BatchIndex.remove(connection, firstRow);
        } else {
            long[] offsets = keptRows.stream().mapToLong(row -> row - firstRow).toArray();
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE exchange_pack SET min_id = ?, records = ?, data = ? WHERE batch = ?")) {
                statement.setString(1, IdRange.of(kept).min());
                statement.setInt(2, kept.size());
                statement.setBytes(3, RecordPack.packRows(kept, offsets, keptBlocks, entries));
                statement.setLong(4, firstRow);
                statement.executeUpdate();
            }
        }
        deleteDetailsOlderThanEveryRecord(connection);
        return allRows.size() - kept.size();
    }

    /**
     * Deletes the detail blocks whose newest record is older than every record left, and the pre-V5 details of such
     * records. A block belongs to one write batch, but blocks from before version 10 may span two batches of the
     * batch index: so a block goes only when nothing that may use it is left.
     */
    private static void deleteDetailsOlderThanEveryRecord(Connection connection) throws SQLException {
        String oldest;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MIN(min_id) FROM exchange_pack")) {
            String found = rows.next() ? rows.getString(1) : null;
            oldest = found == null ? ExchangeStore.AFTER_EVERY_ID : found;
        }
        try (PreparedStatement blocks =
                        connection.prepareStatement("DELETE FROM exchange_detail_block WHERE id < ? AND last_id < ?");
                PreparedStatement details = connection.prepareStatement("DELETE FROM exchange_detail WHERE id < ?")) {
            blocks.setString(1, oldest);
            blocks.setString(2, oldest);
            blocks.executeUpdate();
            details.setString(1, oldest);
            details.executeUpdate();
        }
    }

    /** Returns how many records the journal holds. */
    static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(SUM(records), 0) FROM exchange_pack")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The smallest and largest id of some records. */
    record IdRange(String min, String max) {
        /** Returns the range of a non-empty list of records. */
        static IdRange of(List<ExchangeRecord> records) {
            String min = records.getFirst().id();
            String max = min;
            for (ExchangeRecord record : records) {
                String id = record.id();
                if (id.compareTo(min) < 0) {
                    min = id;
                } else if (id.compareTo(max) > 0) {
                    max = id;
                }
            }
            return new IdRange(min, max);
        }
    }
}

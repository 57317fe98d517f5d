package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SQLite journal written as version 5 left it (a row per record, details in their own rows or in blocks),
 * opened by this version: every migration since runs on it (the trigram index, the batch index, the trace filters,
 * the packs), and every record must then be found as before, by id, filter, trace and text, alongside new ones.
 */
class JournalUpgradeIT {
    private static final int RECORDS = 2500;

    /** The records written before version 5 have their details in exchange_detail; the later ones in blocks. */
    private static final int BEFORE_BLOCKS = 1000;

    @TempDir
    Path directory;

    private final List<ExchangeRecord> records = new ArrayList<>();

    @BeforeEach
    void writeAVersion5Journal() throws Exception {
        String url = "jdbc:sqlite:" + file();
        Flyway.configure(getClass().getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:db/migration", "classpath:db/sqlite")
                .target("5")
                .load()
                .migrate();
        for (int n = 0; n < RECORDS; n++) {
            long micros = 1_795_000_000_000_000L + n * 1000L;
            String trace = String.format("%032x", n % 700);
            records.add(new ExchangeRecord(
                    JournalRecords.id(micros, "0000", n),
                    micros,
                    "proxy",
                    trace,
                    "request-" + n,
                    n % 3 == 0 ? null : "shop",
                    n % 4 == 0 ? "sms" : "courier",
                    null,
                    "http://127.0.0.1:9/",
                    "GET",
                    "/courier/orders/" + (40_000_000 + n * 7919L) + "?express=" + n % 2,
                    n % 50 == 0 ? 503 : 200,
                    n % 50 == 0 ? "upstream-error" : null,
                    1,
                    900,
                    800L,
                    n,
                    2L * n,
                    "{\"n\":" + n + "}"));
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (PreparedStatement rows = connection.prepareStatement("INSERT INTO exchange ("
                            + ExchangeStore.COLUMNS
                            + ", detail_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement details =
                            connection.prepareStatement("INSERT INTO exchange_detail (id, detail) VALUES (?, ?)");
                    PreparedStatement blocks = connection.prepareStatement(
                            "INSERT INTO exchange_detail_block (id, last_id, data) VALUES (?, ?, ?)")) {
                for (int from = 0; from < RECORDS; from += 500) {
                    List<ExchangeRecord> batch = records.subList(from, from + 500);
                    DetailBlock.Packed block =
                            from < BEFORE_BLOCKS ? null : DetailBlock.pack(batch, DetailBlock.utf8(batch));
                    for (ExchangeRecord record : batch) {
                        insertRow(rows, record, block == null ? null : block.firstId());
                        if (block == null) {
                            details.setString(1, record.id());
                            details.setString(2, record.detail());
                            details.executeUpdate();
                        }
                    }
                    if (block != null) {
                        blocks.setString(1, block.firstId());
                        blocks.setString(2, block.lastId());
                        blocks.setBytes(3, block.data());
                        blocks.executeUpdate();
                    }
                }
            }
            connection.commit();
        }
    }

    @Test
    void everyRecordIsFoundAsBeforeOnceTheJournalIsPacked() throws Exception {
        try (Store store = Store.open(new StoreLocation.Sqlite(file()), Clock.systemUTC())) {
            assertThat(store.schemaVersion()).isEqualTo("12");
            assertThat(store.exchanges().count()).isEqualTo(RECORDS);
            assertThat(count("SELECT COUNT(*) FROM exchange"))
                    .as("rows left after packing")
                    .isZero();

            for (int n : new int[] {0, 1, 499, 999, 1000, 1777, RECORDS - 1}) {
                assertThat(store.exchanges().find(records.get(n).id()))
                        .as("record %d with its detail", n)
                        .contains(records.get(n));
            }
            assertThat(pages(store, query(null, null, null, 25))).isEqualTo(expected(r -> true));
            assertThat(pages(store, query("sms", null, null, 40)))
                    .isEqualTo(expected(r -> r.connector().equals("sms")));
            String trace = Objects.requireNonNull(records.get(1234).traceId());
            assertThat(pages(store, query(null, trace, null, 2))).isEqualTo(expected(r -> trace.equals(r.traceId())));
            // An order number is rare: the page is read through the trigram index, whose rows are the old rowids.
            String order = records.get(1601).target().substring(16, 24);
            assertThat(pages(store, query(null, null, order, 10)))
                    .containsExactly(records.get(1601).id());
        }
    }

    @Test
    void recordsWrittenAfterTheUpgradeAndRetentionWorkBesideThePackedOnes() throws Exception {
        try (Store store = Store.open(new StoreLocation.Sqlite(file()), Clock.systemUTC())) {
            long micros = 1_795_000_000_000_000L + RECORDS * 1000L;
            ExchangeRecord fresh = JournalRecords.proxied(
                    JournalRecords.id(micros, "0001", 1), micros, "/courier/orders/99999999", 10, "{\"new\":true}");
            store.exchanges().insertAll(List.of(fresh));

            assertThat(store.exchanges().find(fresh.id())).contains(fresh);
            assertThat(pages(store, query(null, null, "99999999", 10))).containsExactly(fresh.id());
            assertThat(pages(store, query(null, null, null, 1)).getFirst()).isEqualTo(fresh.id());

            // The oldest batch of the batch index (rows 1-999, V7's nominal batch 0) goes whole, its targets with it.
            String oldOrder = records.get(10).target().substring(16, 24);
            assertThat(pages(store, query(null, null, oldOrder, 10)))
                    .containsExactly(records.get(10).id());
            assertThat(store.exchanges().deleteOldest(null)).isEqualTo(999);

            assertThat(pages(store, query(null, null, oldOrder, 10))).isEmpty();
            assertThat(store.exchanges().find(records.get(10).id())).isEmpty();
            assertThat(store.exchanges().find(records.get(999).id())).contains(records.get(999));
            assertThat(store.exchanges().count()).isEqualTo(RECORDS + 1 - 999);
        }
    }

    @Test
    void anUpgradedBatchCutByRetentionKeepsItsOtherRecordsFindableThenForgetsThem() throws Exception {
        try (Store store = Store.open(new StoreLocation.Sqlite(file()), Clock.systemUTC())) {
            String gone = records.get(10).target().substring(16, 24);
            String kept = records.get(700).target().substring(16, 24);
            // Records 0-998 are the oldest batch, every target a row of V6's index; its older half goes.
            assertThat(store.exchanges().deleteOldest(records.get(500).timeMicros()))
                    .isEqualTo(500);

            assertThat(pages(store, query(null, null, gone, 10))).isEmpty();
            assertThat(pages(store, query(null, null, kept, 10)))
                    .containsExactly(records.get(700).id());

            // The rest of the batch, now indexed once per distinct target, goes too; its targets with it.
            assertThat(store.exchanges().deleteOldest(records.get(999).timeMicros()))
                    .isEqualTo(499);

            assertThat(pages(store, query(null, null, kept, 10))).isEmpty();
            // Gone from V6's index itself, not only from the pages: no row holds every piece of the order number.
            List<String> pieces = new ArrayList<>();
            for (int at = 0; at + 3 <= kept.length(); at++) {
                pieces.add('"' + kept.substring(at, at + 3) + '"');
            }
            assertThat(count("SELECT COUNT(*) FROM exchange_target WHERE exchange_target MATCH '"
                            + String.join(" AND ", pieces) + "'"))
                    .isZero();
            String later = records.get(1700).target().substring(16, 24);
            assertThat(pages(store, query(null, null, later, 10)))
                    .containsExactly(records.get(1700).id());
        }
    }

    private Path file() {
        return directory.resolve("journal.db");
    }

    private static void insertRow(PreparedStatement rows, ExchangeRecord record, @Nullable String block)
            throws SQLException {
        Object[] values = {
            record.id(),
            record.timeMicros(),
            record.kind(),
            record.traceId(),
            record.requestId(),
            record.caller(),
            record.connector(),
            record.capability(),
            record.endpoint(),
            record.method(),
            record.target(),
            record.status(),
            record.error(),
            record.attempts(),
            record.durationMicros(),
            record.upstreamMicros(),
            record.bytesIn(),
            record.bytesOut(),
            block
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                rows.setNull(i + 1, Types.NULL);
            } else {
                rows.setObject(i + 1, values[i]);
            }
        }
        rows.executeUpdate();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ExchangeQuery query(
            @Nullable String connector, @Nullable String trace, @Nullable String contains, int limit) {
        return new ExchangeQuery(connector, null, null, null, null, trace, null, null, contains, limit, null);
    }

    /** Returns the ids of every page of the query, newest first. */
    private static List<String> pages(Store store, ExchangeQuery first) throws StoreException {
        List<String> ids = new ArrayList<>();
        ExchangeQuery query = first;
        while (true) {
            ExchangePage page = store.exchanges().list(query);
            page.records().forEach(r -> ids.add(r.id()));
            String next = page.next();
            if (next == null) {
                return ids;
            }
            query = query.after(next);
        }
    }

    private List<String> expected(Predicate<ExchangeRecord> filter) {
        return records.stream()
                .filter(filter)
                .map(ExchangeRecord::id)
                .sorted(Comparator.reverseOrder())
                .toList();
    }
}

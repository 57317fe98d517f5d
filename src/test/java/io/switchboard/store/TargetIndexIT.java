package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journal's q filter on a real SQLite file large enough that its trigram index is used: every answer is compared
 * with the records a plain substring test selects.
 */
class TargetIndexIT extends SqliteJournalFixture {
    @Test
    void findsExactlyTheRecordsWhoseTargetHoldsARareTextThroughTheIndex() throws Exception {
        String rare = records.get(4321).target().substring("/courier/orders/".length());

        assertThat(ids(page(rare, 50))).isEqualTo(expected(rare, 50));
        assertThat(ids(page(rare, 50))).hasSize(1);
        assertThat(String.join(" ", store().exchanges().explain(query(rare, 50))))
                .contains("exchange_target");
    }

    @Test
    void aTextWithManyOlderMatchesIsAnsweredFromItsNewestThroughTheIndex() throws Exception {
        // Two thousand parcels, none among the newest targets: the index leads, and the page is its newest 50.
        assertThat(ids(page("parcels/", 50))).isEqualTo(expected("parcels/", 50));
        assertThat(String.join(" ", store().exchanges().explain(query("parcels/", 50))))
                .contains("exchange_target");
        ExchangePage first = page("parcels/", 50);
        assertThat(ids(store().exchanges()
                        .list(query("parcels/", 50).after(java.util.Objects.requireNonNull(first.next())))))
                .isEqualTo(expected("parcels/", 100).subList(50, 100));
    }

    @Test
    void aLongCallWrittenAfterLaterOnesTakesItsPlaceByStartTime() throws Exception {
        // Two calls started with records 100 and 200 but lasted until after record 5999 ended: written last, so the
        // index lists them first; listed by when they began, after the two short calls.
        ExchangeRecord slow = record(100, "0001", "/courier/track/slow-call", 6_000L * 1000);
        ExchangeRecord slower = record(200, "0001", "/courier/track/slow-call-0", 6_000L * 1000);
        ExchangeRecord late = record(5998, "0001", "/courier/track/slow-call-2", 1000);
        ExchangeRecord later = record(5999, "0001", "/courier/track/slow-call-3", 1000);
        store().exchanges().insertAll(List.of(late, later));
        store().exchanges().insertAll(List.of(slow, slower));

        assertThat(String.join(" ", store().exchanges().explain(query("slow-call", 1))))
                .contains("exchange_target");
        assertThat(everyPage("slow-call", 1)).containsExactly(later.id(), late.id(), slower.id(), slow.id());
    }

    @Test
    void matchesWithoutRegardToCaseAndWithQuotesInTheText() throws Exception {
        assertThat(ids(page("ord-3007", 50)))
                .isEqualTo(expected("ord-3007", 50))
                .hasSize(1);
        assertThat(ids(page("zone=\"north", 50)))
                .isEqualTo(expected("zone=\"north", 50))
                .hasSize(6);
    }

    @Test
    void aCommonTextIsReadNewestFirstWithoutTheIndex() throws Exception {
        assertThat(ids(page("express=1", 20))).isEqualTo(expected("express=1", 20));
        assertThat(String.join(" ", store().exchanges().explain(query("express=1", 20))))
                .doesNotContain("exchange_target");
    }

    @Test
    void pagesThroughEveryMatchWithTheCursor() throws Exception {
        assertThat(everyPage("?zone=", 4)).isEqualTo(expected("?zone=", RECORDS));
    }

    @Test
    void findsNothingForATextNoTargetHoldsAndShortTextsStillWork() throws Exception {
        assertThat(page("zz-none-such", 50).records()).isEmpty();
        assertThat(ids(page("-7", 50))).isEqualTo(expected("-7", 50));
    }

    @Test
    void forgetsTheTargetsOfDeletedRecords() throws Exception {
        String oldest = records.getFirst().target().substring("/courier/orders/".length());
        assertThat(page(oldest, 50).records()).hasSize(1);

        store().exchanges().deleteOldest(null);

        assertThat(page(oldest, 50).records()).isEmpty();
        // Gone from the index itself, not only hidden by the join: every target holds "cou" (of "/courier").
        assertThat(count("SELECT COUNT(*) FROM exchange_target_batch WHERE exchange_target_batch MATCH '\"cou\"'"))
                .as("batches left")
                .isEqualTo(RECORDS / 1000 - 1);
        String kept = records.get(2500).target().substring("/courier/orders/".length());
        assertThat(ids(page(kept, 50))).containsExactly(records.get(2500).id());
    }

    @Test
    void indexesARepeatedTargetOncePerBatchAndFindsEveryRecordOfIt() throws Exception {
        List<ExchangeRecord> repeated = writeARepeatedTargetOutOfTheSample();

        assertThat(String.join(" ", store().exchanges().explain(query("track/repeated", 50))))
                .contains("exchange_target");
        assertThat(everyPage("track/repeated", 50)).isEqualTo(newestFirst(repeated));
        assertThat(placesOf("pea"))
                .as("places of \"pea\" (of \"repeated\") in the index")
                .isEqualTo(1);
    }

    @Test
    void aBatchPartlyPastRetentionKeepsItsRepeatedTargetFindableUntilItsLastRecordGoes() throws Exception {
        List<ExchangeRecord> repeated = writeARepeatedTargetOutOfTheSample();
        long start = repeated.getFirst().timeMicros();

        // The batch's first record stood for the target in the index; it goes with the older half.
        assertThat(store().exchanges().deleteOldest(start + 150_000)).isEqualTo(150);

        assertThat(everyPage("track/repeated", 50)).isEqualTo(newestFirst(repeated.subList(150, 300)));
        assertThat(placesOf("pea")).isEqualTo(1);

        assertThat(store().exchanges().deleteOldest(start + 300_000)).isEqualTo(150);

        assertThat(everyPage("track/repeated", 50)).isEmpty();
        assertThat(placesOf("pea")).isZero();
    }

    /**
     * Writes one batch of 300 calls to one path, older than every other record, then 2,100 newer calls elsewhere, so
     * that the path is rare among the newest targets and the index is asked for it; returns the 300, oldest first.
     */
    private List<ExchangeRecord> writeARepeatedTargetOutOfTheSample() throws StoreException {
        List<ExchangeRecord> repeated = new ArrayList<>();
        for (int n = -300; n < 0; n++) {
            repeated.add(record(n, "0002", "/courier/track/repeated", 1000));
        }
        store().exchanges().insertAll(repeated);
        List<ExchangeRecord> newer = new ArrayList<>();
        for (int n = RECORDS; n < RECORDS + 2100; n++) {
            newer.add(record(n, "/courier/orders/" + (70_000_000 + n), 1000));
        }
        store().exchanges().insertAll(newer);
        return repeated;
    }

    private static List<String> newestFirst(List<ExchangeRecord> records) {
        return records.reversed().stream().map(ExchangeRecord::id).toList();
    }

    @Test
    void writesTheIndexInLeavesLargerThanFtsDefaultFourKilobytes() throws Exception {
        assertThat(count("SELECT v FROM exchange_target_batch_config WHERE k = 'pgsz'"))
                .isEqualTo(32_000);
        // Segments written by this store, not only the setting: a leaf of the default size holds at most 4,050 bytes.
        assertThat(count("SELECT MAX(LENGTH(block)) FROM exchange_target_batch_data"))
                .isGreaterThan(4_050);
    }

    /** Returns how many times the per-batch index holds a piece, over all its documents (FTS5's own vocabulary). */
    private long placesOf(String piece) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("journal.db"));
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE VIRTUAL TABLE temp.places USING fts5vocab(main, exchange_target_batch, instance)");
            try (ResultSet rows =
                    statement.executeQuery("SELECT COUNT(*) FROM temp.places WHERE term = '" + piece + "'")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Returns the ids of every page of the text's matches, following the cursor (20 pages at most). */
    private List<String> everyPage(String text, int limit) throws StoreException {
        return everyPage(query(text, limit), 20);
    }

    private ExchangePage page(String text, int limit) throws StoreException {
        return store().exchanges().list(query(text, limit));
    }

    private static ExchangeQuery query(String text, int limit) {
        return new ExchangeQuery(null, null, null, null, null, null, null, null, text, limit, null);
    }
}

package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's q filter on a real SQLite file large enough that its trigram index is used: every answer is compared
 * with the records a plain substring test selects.
 */
class TargetIndexIT {
    private static final int RECORDS = 6000;

    @TempDir
    Path directory;

    private @Nullable Store store;
    private final List<ExchangeRecord> records = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        Store opened = Store.open(new StoreLocation.Sqlite(directory.resolve("journal.db")), Clock.systemUTC());
        store = opened;
        for (int n = 0; n < RECORDS; n++) {
            String number = String.valueOf(1_000_000 + n * 7919 % 9_000_000);
            String target = n % 1000 == 7
                    ? "/courier/Orders/ORD-" + n + "?Zone=\"north\""
                    : n >= 1000 && n < 3000
                            ? "/courier/parcels/" + number
                            : "/courier/orders/" + number + "?express=" + n % 2;
            records.add(record(n, target, 1000));
        }
        opened.exchanges().insertAll(records);
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
    }

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
        try (java.sql.Connection connection =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("journal.db"));
                java.sql.ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT COUNT(*) FROM exchange_target WHERE exchange_target MATCH '\"cou\"'")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(RECORDS - 1000);
        }
        String kept = records.get(2500).target().substring("/courier/orders/".length());
        assertThat(ids(page(kept, 50))).containsExactly(records.get(2500).id());
    }

    /** Returns the ids of every page of the text's matches, following the cursor (20 pages at most). */
    private List<String> everyPage(String text, int limit) throws StoreException {
        List<String> ids = new ArrayList<>();
        ExchangeQuery query = query(text, limit);
        for (int pages = 0; pages < 20; pages++) {
            ExchangePage page = store().exchanges().list(query);
            page.records().forEach(r -> ids.add(r.id()));
            String next = page.next();
            if (next == null) {
                break;
            }
            query = query.after(next);
        }
        return ids;
    }

    private ExchangePage page(String text, int limit) throws StoreException {
        return store().exchanges().list(query(text, limit));
    }

    private static ExchangeQuery query(String text, int limit) {
        return new ExchangeQuery(null, null, null, null, null, null, null, null, text, limit, null);
    }

    private List<String> expected(String text, int limit) {
        String lower = text.toLowerCase(Locale.ROOT);
        return records.reversed().stream()
                .filter(r -> r.target().toLowerCase(Locale.ROOT).contains(lower))
                .map(ExchangeRecord::id)
                .limit(limit)
                .toList();
    }

    private static List<String> ids(ExchangePage page) {
        return page.records().stream().map(ExchangeRecord::id).toList();
    }

    private Store store() {
        Store opened = store;
        assertThat(opened).isNotNull();
        return java.util.Objects.requireNonNull(opened);
    }

    private static ExchangeRecord record(int n, String target, long durationMicros) {
        return record(n, "0000", target, durationMicros);
    }

    /** Record {@code n} started n ms after the first; {@code node} tells apart records started at the same time. */
    private static ExchangeRecord record(int n, String node, String target, long durationMicros) {
        long micros = 1_795_000_000_000_000L + n * 1000L;
        return JournalRecords.proxied(JournalRecords.id(micros, node, n), micros, target, durationMicros, "{}");
    }
}

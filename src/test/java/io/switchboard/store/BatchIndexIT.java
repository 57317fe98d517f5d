package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The journal's filters on a real SQLite file through its batch index (db/sqlite V7, V8): every answer is compared
 * with the records a plain filter over the same records selects.
 */
class BatchIndexIT extends SqliteJournalFixture {
    @Test
    void forgetsTheBatchesWhoseRecordsAreAllDeleted() throws Exception {
        assertThat(count("SELECT COUNT(*) FROM exchange_batch")).isEqualTo(RECORDS / 1000);

        store().exchanges().deleteOldest(null);

        // The first batch (the thousand oldest) is gone with its keys and trace filter; the others stay whole.
        assertThat(count("SELECT COUNT(*) FROM exchange_batch")).isEqualTo(RECORDS / 1000 - 1);
        assertThat(count("SELECT COUNT(DISTINCT batch) FROM exchange_batch_key"))
                .isEqualTo(RECORDS / 1000 - 1);
        assertThat(count("SELECT COUNT(*) FROM exchange_batch_trace")).isEqualTo(RECORDS / 1000 - 1);
        assertThat(ids(store().exchanges().list(ExchangeQuery.newest(1000))))
                .isEqualTo(records.reversed().subList(0, 1000).stream()
                        .map(ExchangeRecord::id)
                        .toList());
        assertThat(everyPage(ExchangeQuery.newest(1000), 10)).hasSize(RECORDS - 1000);
    }

    @Test
    void aCommonTextWithFiltersIsReadThroughTheBatches() throws Exception {
        ExchangeQuery query =
                new ExchangeQuery("courier", null, 200, null, null, null, null, null, "express=1", 20, null);

        assertThat(String.join(" ", store().exchanges().explain(query))).contains("exchange_batch_by_key");
        assertThat(ids(store().exchanges().list(query))).isEqualTo(expected("express=1", 20));
        assertThat(everyPage(query, 200)).isEqualTo(expected("express=1", RECORDS));
    }

    @Test
    void everyFilterSelectsWhatAPlainFilterOverTheSameRecordsSelects() throws Exception {
        // Newer than the 6,000 of every test, in batches of 150 written in turn, with connectors, callers, statuses and
        // errors of very different rarity.
        List<ExchangeRecord> mixed = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            long micros = 1_796_000_000_000_000L + n * 1000L;
            int status = n % 97 == 0 ? 503 : n % 13 == 0 ? 404 : 200;
            mixed.add(new ExchangeRecord(
                    JournalRecords.id(micros, "0002", n),
                    micros,
                    "proxy",
                    "trace-" + n % 50,
                    null,
                    n % 5 == 0 ? null : "shop-" + n % 3,
                    n % 211 == 0 ? "rare-courier" : "sms-" + n % 4,
                    null,
                    null,
                    "POST",
                    "/sms/send/" + n,
                    n % 389 == 0 ? null : status,
                    n % 389 == 0 ? "timeout" : null,
                    1,
                    // Every 40th call lasts 30 s: written long after calls that began later.
                    n % 40 == 0 ? 30_000_000L : 500L,
                    400L,
                    0,
                    0,
                    null));
        }
        List<ExchangeRecord> byEnd = new ArrayList<>(mixed);
        byEnd.sort(java.util.Comparator.comparingLong(r -> r.timeMicros() + r.durationMicros()));
        for (int from = 0; from < byEnd.size(); from += 150) {
            store().exchanges().insertAll(byEnd.subList(from, from + 150));
        }
        long since = 1_796_000_000_000_000L + 700_000L;
        long until = 1_796_000_000_000_000L + 2_500_000L;
        List<ExchangeQuery> queries = List.of(
                filter("rare-courier", null, null, null, null, null, null, null),
                filter("sms-1", "shop-2", null, null, null, null, null, null),
                filter(null, ExchangeQuery.ANONYMOUS, null, null, null, null, null, null),
                filter(null, null, 503, null, null, null, null, null),
                filter("sms-2", null, null, 4, null, null, null, null),
                filter(null, null, null, null, "timeout", null, null, null),
                filter(null, null, null, null, null, "trace-7", null, null),
                filter("sms-3", null, null, null, null, null, since, until),
                filter(null, "shop-1", null, 2, null, null, since, null),
                filter(null, null, null, null, null, null, null, until));
        for (ExchangeQuery query : queries) {
            for (int limit : new int[] {7, 500}) {
                ExchangeQuery paged = query.withLimit(limit);
                List<String> expected = java.util.stream.Stream.concat(
                                mixed.reversed().stream(), records.reversed().stream())
                        .filter(r -> selects(paged, r))
                        .map(ExchangeRecord::id)
                        .toList();
                assertThat(everyPage(paged, 2000)).as(paged.toString()).isEqualTo(expected);
            }
        }
        // The stats' points: every proxied exchange of the connector since then, none twice.
        List<Long> points = new ArrayList<>();
        store().exchanges().points("rare-courier", since, (time, status, error, duration) -> points.add(time));
        assertThat(points)
                .containsExactlyInAnyOrderElementsOf(mixed.stream()
                        .filter(r -> r.connector().equals("rare-courier") && r.timeMicros() >= since)
                        .map(ExchangeRecord::timeMicros)
                        .toList());
    }

    /** Returns whether a query selects a record, as a plain filter says (the cursor and the limit aside). */
    private static boolean selects(ExchangeQuery query, ExchangeRecord record) {
        String caller = query.caller();
        Integer status = record.status();
        return (query.connector() == null || query.connector().equals(record.connector()))
                && (caller == null
                        || (caller.equals(ExchangeQuery.ANONYMOUS)
                                ? record.caller() == null
                                : caller.equals(record.caller())))
                && (query.status() == null || query.status().equals(status))
                && (query.statusClass() == null || (status != null && status / 100 == query.statusClass()))
                && (query.error() == null || query.error().equals(record.error()))
                && (query.traceId() == null || query.traceId().equals(record.traceId()))
                && (query.sinceMicros() == null || record.timeMicros() >= query.sinceMicros())
                && (query.untilMicros() == null || record.timeMicros() < query.untilMicros());
    }

    private static ExchangeQuery filter(
            @Nullable String connector,
            @Nullable String caller,
            @Nullable Integer status,
            @Nullable Integer statusClass,
            @Nullable String error,
            @Nullable String trace,
            @Nullable Long since,
            @Nullable Long until) {
        return new ExchangeQuery(connector, caller, status, statusClass, error, trace, since, until, null, 1, null);
    }
}

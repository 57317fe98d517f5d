package io.switchboard.journal;

import io.switchboard.store.ExchangeQuery;
import io.switchboard.store.ExchangeRecord;
import io.switchboard.store.Store;
import io.switchboard.store.StoreException;
import io.switchboard.store.StoreLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Fills a SQLite journal with many records (default 10 million over 7 days) and times a first page (50 records) for
 * each filter of the API, with the plan SQLite chose. Run by {@code bench/journal-query.sh}; not a test.
 *
 * <p>Arguments: {@code FILE [ROWS]}. An existing file with enough rows is reused.
 */
public final class JournalQueryBench {
    private static final String[] STATUSES = {"200", "200", "200", "200", "200", "200", "200", "200", "200", "201"};

    private JournalQueryBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000;
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        long end = Journal.micros(now);
        long start = Journal.micros(now.minus(Duration.ofDays(7)));
        try (Store store = Store.open(new StoreLocation.Sqlite(file), Clock.systemUTC())) {
            long have = store.exchanges().count();
            if (have < rows) {
                long began = System.nanoTime();
                SplittableRandom random = new SplittableRandom(42);
                List<ExchangeRecord> batch = new ArrayList<>(1000);
                long step = (end - start) / rows;
                for (long n = have; n < rows; n++) {
                    batch.add(record(random, start + n * step, n));
                    if (batch.size() == 1000) {
                        store.exchanges().insertAll(batch);
                        batch.clear();
                        if (n % 1_000_000 == 999) {
                            System.err.printf(
                                    "filled %,d rows in %d s%n", n + 1, (System.nanoTime() - began) / 1_000_000_000);
                        }
                    }
                }
                store.exchanges().insertAll(batch);
                System.out.printf("fill: %,d rows in %.1f s%n", rows - have, (System.nanoTime() - began) / 1e9);
            }
            String someTrace = store.exchanges()
                    .list(ExchangeQuery.newest(1).withLimit(1))
                    .records()
                    .getFirst()
                    .traceId();
            long hourAgo = end - 3_600_000_000L;
            long dayAgo = end - 86_400_000_000L;
            Map<String, ExchangeQuery> queries = new LinkedHashMap<>();
            queries.put("newest", q(null, null, null, null, null, null, null, null, null));
            queries.put("connector=c7", q("c7", null, null, null, null, null, null, null, null));
            queries.put("connector=c19 (rare)", q("c19", null, null, null, null, null, null, null, null));
            queries.put("caller=shop-3", q(null, "shop-3", null, null, null, null, null, null, null));
            queries.put("caller=anonymous", q(null, "anonymous", null, null, null, null, null, null, null));
            queries.put("status=500", q(null, null, 500, null, null, null, null, null, null));
            queries.put("status=5xx", q(null, null, null, 5, null, null, null, null, null));
            queries.put("status=4xx", q(null, null, null, 4, null, null, null, null, null));
            queries.put("error=timeout", q(null, null, null, null, "timeout", null, null, null, null));
            queries.put("trace=<one>", q(null, null, null, null, null, someTrace, null, null, null));
            queries.put("since=1h", q(null, null, null, null, null, null, hourAgo, null, null));
            queries.put("until=24h ago", q(null, null, null, null, null, null, null, dayAgo, null));
            queries.put("connector=c7&status=5xx", q("c7", null, null, 5, null, null, null, null, null));
            queries.put("caller=shop-3&since=24h", q(null, "shop-3", null, null, null, null, dayAgo, null, null));
            queries.put("connector=c7&caller=shop-3", q("c7", "shop-3", null, null, null, null, null, null, null));
            queries.put("q=/orders/77 (common)", q(null, null, null, null, null, null, null, null, "/orders/77"));
            queries.put(
                    "connector=c7&q=orders/1234567",
                    q("c7", null, null, null, null, null, null, null, "orders/1234567"));
            queries.put(
                    "q=orders/7654321? (one row)",
                    q(null, null, null, null, null, null, null, null, "orders/7654321?"));
            queries.put("q=234567 (a few rows)", q(null, null, null, null, null, null, null, null, "234567"));
            queries.put("q=zz-none (no row)", q(null, null, null, null, null, null, null, null, "zz-none"));
            queries.put(
                    "q=s/c3/o (no row; common pieces)", q(null, null, null, null, null, null, null, null, "s/c3/o"));
            for (Map.Entry<String, ExchangeQuery> entry : queries.entrySet()) {
                ExchangeQuery query = entry.getValue();
                double[] millis = new double[5];
                int size = 0;
                for (int i = 0; i < millis.length; i++) {
                    long t = System.nanoTime();
                    size = store.exchanges().list(query).records().size();
                    millis[i] = (System.nanoTime() - t) / 1e6;
                }
                // The 20th page: the cursor of page 19 is a plain id bound, so deep pages cost the same.
                String deep = "";
                if (entry.getKey().equals("connector=c7")) {
                    ExchangeQuery paged = query;
                    for (int page = 0; page < 19; page++) {
                        String next = store.exchanges().list(paged).next();
                        if (next == null) {
                            break;
                        }
                        paged = query.after(next);
                    }
                    long t = System.nanoTime();
                    store.exchanges().list(paged);
                    deep = String.format(" (page 20: %.1f ms)", (System.nanoTime() - t) / 1e6);
                }
                Arrays.sort(millis);
                System.out.printf(
                        "%-34s rows=%-3d median=%8.2f ms  max=%8.2f ms%s  plan: %s%n",
                        entry.getKey(),
                        size,
                        millis[2],
                        millis[4],
                        deep,
                        String.join(" | ", store.exchanges().explain(query)));
            }
            timeFinds(store, end);
        }
    }

    /** Times {@code find} of one record by id: the newest, one a day old, one near the start, and an unknown id. */
    private static void timeFinds(Store store, long end) throws StoreException {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "find newest",
                store.exchanges()
                        .list(ExchangeQuery.newest(1))
                        .records()
                        .getFirst()
                        .id());
        ids.put("find a day old", firstBefore(store, end - 86_400_000_000L));
        ids.put("find near the start", firstBefore(store, end - 6 * 86_400_000_000L));
        String newest = ids.get("find newest");
        ids.put("find unknown id", newest.substring(0, newest.length() - 1) + (newest.endsWith("0") ? "1" : "0"));
        for (Map.Entry<String, String> entry : ids.entrySet()) {
            double[] millis = new double[5];
            boolean found = false;
            for (int i = 0; i < millis.length; i++) {
                long t = System.nanoTime();
                found = store.exchanges().find(entry.getValue()).isPresent();
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf(
                    "%-34s found=%-5s median=%8.2f ms  max=%8.2f ms%n", entry.getKey(), found, millis[2], millis[4]);
        }
    }

    private static String firstBefore(Store store, long micros) throws StoreException {
        return store.exchanges()
                .list(q(null, null, null, null, null, null, null, micros, null))
                .records()
                .getFirst()
                .id();
    }

    private static ExchangeQuery q(
            @Nullable String connector,
            @Nullable String caller,
            @Nullable Integer status,
            @Nullable Integer statusClass,
            @Nullable String error,
            @Nullable String trace,
            @Nullable Long since,
            @Nullable Long until,
            @Nullable String contains) {
        return new ExchangeQuery(
                connector, caller, status, statusClass, error, trace, since, until, contains, 50, null);
    }

    /** A record with a realistic spread: 20 connectors (skewed), 50 callers and 10% anonymous, a few % errors. */
    static ExchangeRecord record(SplittableRandom random, long micros, long n) {
        int connector = (int) Math.min(19, Math.abs(random.nextGaussian()) * 5);
        int roll = random.nextInt(1000);
        Integer status;
        String error = null;
        if (roll < 30) {
            status = 500;
        } else if (roll < 45) {
            status = 502;
            error = roll < 38 ? "upstream-unreachable" : null;
        } else if (roll < 50) {
            status = 504;
            error = "timeout";
        } else if (roll < 60) {
            status = 429;
            error = "rate-limited";
        } else if (roll < 100) {
            status = 404;
        } else if (roll < 101) {
            status = null;
            error = "caller-gone";
        } else {
            status = Integer.parseInt(STATUSES[random.nextInt(STATUSES.length)]);
        }
        String caller = random.nextInt(10) == 0 ? null : "shop-" + random.nextInt(50);
        String trace = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        return new ExchangeRecord(
                ExchangeRecord.idFloor(micros) + "0001" + String.format("%08x", n & 0xffffffffL),
                micros,
                "proxy",
                trace,
                Long.toHexString(random.nextLong()),
                caller,
                "c" + connector,
                null,
                "http://10.0.0." + connector + ":8080",
                n % 3 == 0 ? "POST" : "GET",
                "/c" + connector + "/orders/" + n + "?express=" + (n % 2),
                status,
                error,
                1,
                1000 + random.nextInt(200_000),
                900L,
                random.nextInt(2000),
                random.nextInt(4000),
                "{}");
    }
}

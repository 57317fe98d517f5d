package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace lookups on a real SQLite journal through the batches' trace filters (db/sqlite V8): every answer is compared
 * with what a plain filter over the same records selects.
 */
class TraceFilterIT {
    private static final int BATCHES = 20;
    private static final int PER_BATCH = 500;

    @TempDir
    Path directory;

    private final List<ExchangeRecord> records = new ArrayList<>();
    private @Nullable Store store;

    @BeforeEach
    void fill() throws Exception {
        Store opened = open();
        SplittableRandom random = new SplittableRandom(8);
        byte[] bytes = new byte[16];
        List<String> traces = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<ExchangeRecord> written = new ArrayList<>();
            for (int n = 0; n < PER_BATCH; n++) {
                random.nextBytes(bytes);
                String trace = HexFormat.of().formatHex(bytes);
                // One call in ten continues a trace of an earlier batch (a retry, a second step of one order).
                if (n % 10 == 0 && !traces.isEmpty()) {
                    trace = traces.get(random.nextInt(traces.size()));
                }
                traces.add(trace);
                written.add(record(batch * PER_BATCH + n, n % 25 == 0 ? null : trace));
            }
            opened.exchanges().insertAll(written);
            records.addAll(written);
        }
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void findsEveryRecordOfATraceNewestFirst() throws Exception {
        for (int n = 3; n < records.size(); n += 97) {
            String trace = records.get(n).traceId();
            if (trace != null) {
                assertThat(ids(store(), trace)).as("trace of record %d", n).isEqualTo(expected(trace));
            }
        }
        assertThat(ids(store(), "0af7651916cd43dd8448eb211c80319c")).isEmpty();
    }

    @Test
    void readsOnlyTheBatchesWhoseFilterMayHoldTheTrace() throws Exception {
        String trace = traceOf(7 * PER_BATCH + 3);

        int read = batchesRead(trace);

        long holding = IntStream.range(0, records.size())
                .filter(n -> trace.equals(records.get(n).traceId()))
                .map(n -> n / PER_BATCH)
                .distinct()
                .count();
        // With about one batch in a hundred let through wrongly, twenty batches let through none or one.
        assertThat(read).isBetween((int) holding, (int) holding + 1);
        assertThat(read).isLessThan(BATCHES / 4);
    }

    @Test
    void aBatchWithoutAFilterIsReadWhateverTheTrace() throws Exception {
        String trace = traceOf(12 * PER_BATCH + 4);
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM exchange_batch_trace");
        }

        assertThat(ids(store(), trace)).isEqualTo(expected(trace));
    }

    private Store open() throws StoreException {
        Store opened = Store.open(new StoreLocation.Sqlite(directory.resolve("journal.db")), Clock.systemUTC());
        store = opened;
        return opened;
    }

    private Store store() {
        return Objects.requireNonNull(store);
    }

    private String traceOf(int n) {
        return Objects.requireNonNull(records.get(n).traceId());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("journal.db"));
    }

    /** Returns how many batches a walk for the trace reads: those whose filter may hold it. */
    private int batchesRead(String trace) throws SQLException {
        AtomicInteger visited = new AtomicInteger();
        try (Connection connection = connect()) {
            BatchIndex.walk(connection, trace(trace), (firstRow, ended) -> {
                visited.incrementAndGet();
                return true;
            });
        }
        return visited.get();
    }

    /** Returns the ids of every page of the trace's records, newest first, three to a page. */
    private static List<String> ids(Store store, String trace) throws StoreException {
        List<String> ids = new ArrayList<>();
        ExchangeQuery query = trace(trace);
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

    private List<String> expected(String trace) {
        return records.reversed().stream()
                .filter(r -> trace.equals(r.traceId()))
                .map(ExchangeRecord::id)
                .toList();
    }

    private static ExchangeQuery trace(String trace) {
        return new ExchangeQuery(null, null, null, null, null, trace, null, null, null, 3, null);
    }

    private static ExchangeRecord record(int n, @Nullable String trace) {
        long micros = 1_795_000_000_000_000L + n * 1000L;
        return JournalRecords.proxied(JournalRecords.id(micros, "0000", n), micros, trace, "/courier/x", 1000, "{}");
    }
}

package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SQLite journal of 6,000 calls to "courier" (a millisecond apart, written in one batch of each thousand), for
 * the query tests that compare every answer with what a plain filter over the same records selects.
 */
abstract class SqliteJournalFixture {
    static final int RECORDS = 6000;

    @TempDir
    Path directory;

    private @Nullable Store store;

    /** The records written, oldest first. */
    final List<ExchangeRecord> records = new ArrayList<>();

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

    Store store() {
        Store opened = store;
        assertThat(opened).isNotNull();
        return Objects.requireNonNull(opened);
    }

    /** Returns the ids of every page of the query, following the cursor ({@code most} pages at most). */
    List<String> everyPage(ExchangeQuery first, int most) throws StoreException {
        List<String> ids = new ArrayList<>();
        ExchangeQuery query = first;
        for (int pages = 0; pages < most; pages++) {
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

    /** Returns the ids of the newest {@code limit} records whose target holds the text, any case. */
    List<String> expected(String text, int limit) {
        String lower = text.toLowerCase(Locale.ROOT);
        return records.reversed().stream()
                .filter(r -> r.target().toLowerCase(Locale.ROOT).contains(lower))
                .map(ExchangeRecord::id)
                .limit(limit)
                .toList();
    }

    /** Returns one number the SQL (read straight from the file) answers. */
    long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("journal.db"));
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static List<String> ids(ExchangePage page) {
        return page.records().stream().map(ExchangeRecord::id).toList();
    }

    static ExchangeRecord record(int n, String target, long durationMicros) {
        return record(n, "0000", target, durationMicros);
    }

    /** Record {@code n} started n ms after the first; {@code node} tells apart records started at the same time. */
    static ExchangeRecord record(int n, String node, String target, long durationMicros) {
        long micros = 1_795_000_000_000_000L + n * 1000L;
        return JournalRecords.proxied(JournalRecords.id(micros, node, n), micros, target, durationMicros, "{}");
    }
}

package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a record's detail is read from, on a real SQLite file: its batch's block, or its own pre-V5 row. */
class ExchangeDetailIT {
    @TempDir
    Path directory;

    @Test
    void readsADetailWrittenBeforeDetailBlocksFromItsOwnRow() throws Exception {
        Path file = directory.resolve("journal.db");
        try (Store store = Store.open(new StoreLocation.Sqlite(file), Clock.systemUTC())) {
            // What a V4 writer left: the row without a block, its detail in exchange_detail.
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO exchange (" + ExchangeStore.COLUMNS + ") VALUES ('0006000000000000"
                        + "000000000001', 1, 'proxy', NULL, NULL, NULL, 'courier', NULL, NULL, 'GET', '/old', 200,"
                        + " NULL, 1, 10, 9, 0, 0)");
                statement.execute("INSERT INTO exchange_detail (id, detail) VALUES ('0006000000000000000000000001',"
                        + " '{\"written\":\"before V5\"}')");
            }
            ExchangeRecord fresh = JournalRecords.proxied(
                    "0006000000000000000000000002", 2, "/new", 10, "{\"written\":\"in a block\"}");
            store.exchanges().insertAll(List.of(fresh));

            assertThat(store.exchanges().find("0006000000000000000000000001"))
                    .get()
                    .extracting(ExchangeRecord::detail)
                    .isEqualTo("{\"written\":\"before V5\"}");
            assertThat(store.exchanges().find(fresh.id()))
                    .get()
                    .extracting(ExchangeRecord::detail)
                    .isEqualTo("{\"written\":\"in a block\"}");
            assertThat(store.exchanges().find("0006000000000000000000000003")).isEmpty();
        }
    }
}

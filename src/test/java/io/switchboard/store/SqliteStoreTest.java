package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file in a temporary directory. */
class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path directory;

    private int databases;

    @Override
    StoreLocation newDatabase() {
        databases++;
        return new StoreLocation.Sqlite(directory.resolve("db-" + databases).resolve("switchboard.db"));
    }

    @Override
    Connection connect(StoreLocation location) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + ((StoreLocation.Sqlite) location).file());
    }

    @Test
    void createsTheFileAndItsDirectoriesOnFirstOpen() throws Exception {
        Path file = directory.resolve("new/nested/switchboard.db");

        open(new StoreLocation.Sqlite(file));

        assertThat(file).isRegularFile();
    }

    @Test
    void runsTheFileInWalMode() throws Exception {
        StoreLocation location = newDatabase();

        Store store = open(location);

        assertThat(store.journalMode()).isEqualTo("wal");
        try (Connection connection = connect(location);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void createsTheFileWithSixteenKibPages() throws Exception {
        StoreLocation location = newDatabase();

        open(location);

        try (Connection connection = connect(location);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(16 * 1024);
        }
    }

    @Test
    void failsAsUnavailableWhenTheDirectoryCannotBeCreated() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("plain-file"), "x");
        StoreLocation location = new StoreLocation.Sqlite(notADirectory.resolve("switchboard.db"));

        assertThatThrownBy(() -> Store.open(location, CLOCK))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("store " + location + " is unavailable: cannot create the directory");
    }
}

package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real PostgreSQL server (zonky's embedded binaries, started once for the class), with a new
 * database for each test; plus what only a server can do: go away and come back.
 */
class PostgresStoreTest extends StoreContractTest {
    // The server trusts every local login, so any password works; it is here to prove that none leaks.
    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    static Path directory;

    private static int port;
    private static EmbeddedPostgres postgres;
    private static int databases;

    @BeforeAll
    static void startPostgres() throws IOException {
        port = freePort();
        postgres = start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    /** Starts the server on the same port and data directory every time, so a restart keeps the data. */
    private static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(port)
                // A test server need not survive a power cut; this keeps it quick on shared cores.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    StoreLocation newDatabase() throws SQLException {
        databases++;
        String name = "store_test_" + databases;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return StoreLocation.parse("postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/" + name);
    }

    @Override
    Connection connect(StoreLocation location) throws SQLException {
        return postgres.getDatabase("postgres", ((StoreLocation.Postgres) location).database())
                .getConnection();
    }

    @Test
    void failsAsUnavailableWhileTheServerIsDownAndRecoversWhenItReturns() throws Exception {
        Store store = open(newDatabase());
        SwitchState off = new SwitchState("sms", false, "outage", "ops", T0);
        store.switches().set(off);
        String prefix = "store postgresql://postgres:***@127.0.0.1:" + port + "/";

        postgres.close();
        StoreUnavailableException first;
        try {
            // The pooled connection hears the shutdown (57P01) or finds its socket closed (08006); once the pool has
            // dropped it, new connections are refused (08001).
            first = catchThrowableOfType(
                    StoreUnavailableException.class, () -> store.switches().all());
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(catchThrowableOfType(
                                    StoreUnavailableException.class,
                                    () -> store.switches().all()))
                            .hasMessageStartingWith(prefix)
                            .hasMessageContaining(
                                    " is unavailable (read the switches): Connection to 127.0.0.1:" + port + " refused")
                            .hasMessageEndingWith("(SQL state 08001)")
                            .satisfies(
                                    failure -> assertThat(stackTrace(failure)).doesNotContain(PASSWORD)));
        } finally {
            postgres = start();
        }

        assertThat(first).isNotNull().hasMessageStartingWith(prefix);
        assertThat(first.sqlState()).isIn("57P01", "08006", "08001");
        assertThat(stackTrace(first)).doesNotContain(PASSWORD);
        assertThat(store.status().available()).isFalse();
        assertThat(store.status().problem()).isEqualTo(first.getMessage());
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(store.switches().all()).containsExactly(off));
        assertThat(store.status().available()).isTrue();
    }

    @Test
    void failsToOpenWhileTheServerIsDownAndOpensOnceItIsBack() throws Exception {
        StoreLocation location = newDatabase();

        postgres.close();
        StoreUnavailableException failure;
        try {
            failure = catchThrowableOfType(StoreUnavailableException.class, () -> Store.open(location, CLOCK));
        } finally {
            postgres = start();
        }

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage())
                .startsWith("store postgresql://postgres:***@127.0.0.1:" + port + "/")
                .contains("is unavailable (apply its migrations)");
        assertThat(stackTrace(failure)).doesNotContain(PASSWORD);
        assertThat(open(location).schemaVersion()).isEqualTo("12");
    }

    @Test
    void reportsAMissingDatabaseWithoutThePassword() throws Exception {
        StoreLocation location =
                StoreLocation.parse("postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/no_such_db");

        StoreException failure = catchThrowableOfType(StoreException.class, () -> Store.open(location, CLOCK));

        assertThat(failure.getMessage()).contains("no_such_db").doesNotContain(PASSWORD);
        assertThat(failure.sqlState()).isEqualTo("3D000");
        assertThat(stackTrace(failure)).doesNotContain(PASSWORD);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}

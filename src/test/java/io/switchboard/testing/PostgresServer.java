package io.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for one test class; register it before the gateway that uses
 * it, and give each gateway a database of its own with {@link #newDatabase}.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    private @Nullable EmbeddedPostgres postgres;
    private int port;
    private int databases;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    /** Starts the server now; returns this. */
    public PostgresServer start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("switchboard-pg"))
                .setCleanDataDirectory(true)
                .setPort(port)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        return this;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /** Stops the server. */
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Creates a new empty database and returns its store URL ({@code postgresql://...}). */
    public String newDatabase() {
        databases++;
        String name = "journal_" + databases;
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "postgresql://postgres:postgres@127.0.0.1:" + port + "/" + name;
    }

    /** Opens a connection to a database that {@link #newDatabase} made. */
    public Connection connect(String storeUrl) throws SQLException {
        String name = storeUrl.substring(storeUrl.lastIndexOf('/') + 1);
        return server().getDatabase("postgres", name).getConnection();
    }

    private EmbeddedPostgres server() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException("the PostgreSQL server is not running");
        }
        return running;
    }
}

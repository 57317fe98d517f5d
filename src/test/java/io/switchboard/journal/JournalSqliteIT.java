package io.switchboard.journal;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal's contract on the default store, a SQLite file; the secret scan reads the raw file and its WAL. */
class JournalSqliteIT extends JournalContract {
    private static final Path DIRECTORY = temporaryDirectory();

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE)
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
                    () -> config("sqlite:" + DIRECTORY.resolve("journal.db"), UPSTREAM.baseUrl()))
            .withEnv("VIEW_TOKEN", VIEW_TOKEN)
            .withEnv("COURIER_KEY", COURIER_KEY);

    @Override
    RunningGateway gateway() {
        return GATEWAY;
    }

    @Override
    FakeUpstream upstream() {
        return UPSTREAM;
    }

    @Override
    String storeDump() throws IOException, java.sql.SQLException {
        StringBuilder all = new StringBuilder();
        for (String name : new String[] {"journal.db", "journal.db-wal"}) {
            Path file = DIRECTORY.resolve(name);
            if (Files.exists(file)) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        try (java.sql.Connection connection =
                java.sql.DriverManager.getConnection("jdbc:sqlite:" + DIRECTORY.resolve("journal.db"))) {
            all.append(inflatedDetailBlocks(connection));
        }
        return all.toString();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("switchboard-journal-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.switchboard.journal;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.RunningGateway;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal's contract on a real PostgreSQL store; the secret scan reads every row of both journal tables. */
class JournalPostgresIT extends JournalContract {
    @RegisterExtension
    @Order(1)
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    private static String storeUrl = "";

    @RegisterExtension
    @Order(Integer.MAX_VALUE)
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> {
                storeUrl = POSTGRES.newDatabase();
                return config(storeUrl, UPSTREAM.baseUrl());
            })
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
    String storeDump() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection connection = POSTGRES.connect(storeUrl);
                Statement statement = connection.createStatement()) {
            for (String table : new String[] {"exchange", "exchange_detail"}) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('\t');
                        }
                        all.append('\n');
                    }
                }
            }
            all.append(inflatedDetailBlocks(connection));
        }
        return all.toString();
    }
}

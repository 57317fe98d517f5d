package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connectors' switch states, one row per connector, kept across restarts and shared by every node of a cluster.
 *
 * <p>Each write takes the next number of one counter row and stamps it on the row as its {@code version}. The
 * counter's row lock is held until the write commits, so versions become visible in the order they were taken, and a
 * node that polls {@link #changedSince(long)} with the last version it saw misses nothing. Versions, not timestamps:
 * nodes' clocks differ, and a write that commits late would carry a time older than one the poller already passed.
 */
public final class SwitchStore {
    private static final String COLUMNS = "connector, is_on, reason, changed_by, changed_at_us, version";

    private final Database database;

    SwitchStore(Database database) {
        this.database = database;
    }

    /** Returns the connector's switch state, or empty when nobody ever switched it. */
    public Optional<SwitchState> current(String connector) throws StoreException {
        requireNonNull(connector, "connector");
        return database.read("read the switch of " + connector, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM switch_state WHERE connector = ?")) {
                statement.setString(1, connector);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(state(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Returns every stored switch state, by connector id. */
    public List<SwitchState> all() throws StoreException {
        return database.read("read the switches", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM switch_state ORDER BY connector")) {
                return states(statement);
            }
        });
    }

    /**
     * Stores the state, replacing the connector's previous one (the last write wins), and returns its version.
     * Writing the same state twice is harmless.
     */
    public long set(SwitchState state) throws StoreException {
        requireNonNull(state, "state");
        return database.write("set the switch of " + state.connector(), connection -> {
            long version = nextVersion(connection);
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO switch_state (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (connector) DO UPDATE SET is_on = excluded.is_on,"
                    + " reason = excluded.reason, changed_by = excluded.changed_by,"
                    + " changed_at_us = excluded.changed_at_us, version = excluded.version")) {
                statement.setString(1, state.connector());
                statement.setInt(2, state.on() ? 1 : 0);
                statement.setString(3, state.reason());
                statement.setString(4, state.changedBy());
                statement.setLong(5, Database.micros(state.changedAt()));
                statement.setLong(6, version);
                statement.executeUpdate();
            }
            return version;
        });
    }

    /**
     * Returns the states written after {@code version}, oldest first, and the version to ask from next. Start with 0
     * (which returns every state). Cheap when nothing changed: two indexed lookups, so nodes can poll it twice a
     * second. When {@code version} is ahead of the database (restored from an older backup), it returns every state
     * with the database's version, so a poller starts over instead of waiting for versions to catch up.
     */
    public SwitchChanges changedSince(long version) throws StoreException {
        return database.read("read the switches changed since version " + version, connection -> {
            long current = currentVersion(connection);
            long since = version > current ? 0 : version;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM switch_state WHERE version > ? ORDER BY version")) {
                statement.setLong(1, since);
                List<SwitchState> changed = new ArrayList<>();
                long latest = since;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        changed.add(state(rows));
                        latest = Math.max(latest, rows.getLong("version"));
                    }
                }
                return new SwitchChanges(latest, changed);
            }
        });
    }

    private static long nextVersion(Connection connection) throws SQLException {
        // UPDATE first: its row lock makes concurrent writers (on any node) take versions in commit order.
        try (PreparedStatement increment = connection.prepareStatement(
                "UPDATE store_sequence SET last_issued = last_issued + 1 WHERE name = 'switch_state'")) {
            if (increment.executeUpdate() != 1) {
                throw new SQLException("the store_sequence row 'switch_state' is missing");
            }
        }
        return currentVersion(connection);
    }

    private static long currentVersion(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                        "SELECT last_issued FROM store_sequence WHERE name = 'switch_state'");
                ResultSet rows = read.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the store_sequence row 'switch_state' is missing");
            }
            return rows.getLong(1);
        }
    }

    private static List<SwitchState> states(PreparedStatement statement) throws SQLException {
        List<SwitchState> states = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                states.add(state(rows));
            }
        }
        return states;
    }

    private static SwitchState state(ResultSet rows) throws SQLException {
        return new SwitchState(
                rows.getString("connector"),
                rows.getInt("is_on") != 0,
                rows.getString("reason"),
                rows.getString("changed_by"),
                Database.instant(rows.getLong("changed_at_us")));
    }
}

package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store backend must have; {@link SqliteStoreTest} and {@link PostgresStoreTest} run it against a
 * real SQLite file and a real PostgreSQL server.
 */
abstract class StoreContractTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final List<Store> opened = new ArrayList<>();
    private final Random random = new Random(7);

    /** Returns the location of a new, empty database. */
    abstract StoreLocation newDatabase() throws Exception;

    /** Opens a plain JDBC connection to the database, to look at it behind the store's back. */
    abstract Connection connect(StoreLocation location) throws SQLException;

    Store open(StoreLocation location) throws StoreException {
        Store store = Store.open(location, CLOCK);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    @Test
    void migratesAnEmptyDatabaseToTheCurrentSchema() throws Exception {
        StoreLocation location = newDatabase();

        Store store = open(location);

        assertThat(store.schemaVersion()).isEqualTo("12");
        assertThat(appliedMigrations(location))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        for (String table : List.of("switch_state", "event", "check_result", "resource_reading")) {
            assertThat(count(location, "SELECT COUNT(*) FROM " + table))
                    .as(table)
                    .isZero();
        }
    }

    @Test
    void appliesNoMigrationAgainWhenReopened() throws Exception {
        StoreLocation location = newDatabase();
        open(location).close();

        Store reopened = open(location);

        assertThat(reopened.schemaVersion()).isEqualTo("12");
        assertThat(appliedMigrations(location))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
    }

    @Test
    void opensADatabaseThatANewerGatewayHasMigratedFurther() throws Exception {
        StoreLocation location = newDatabase();
        open(location).close();
        try (Connection connection = connect(location);
                PreparedStatement statement = connection.prepareStatement("INSERT INTO flyway_schema_history"
                        + " (installed_rank, version, description, type, script, checksum, installed_by,"
                        + " execution_time, success) VALUES (13, '99', 'from the future', 'SQL', 'V99__future.sql',"
                        + " 0, 'test', 1, ?)")) {
            statement.setBoolean(1, true);
            statement.executeUpdate();
        }

        Store store = open(location);

        assertThat(store.schemaVersion()).isEqualTo("99");
        assertThat(store.switches().all()).isEmpty();
    }

    @Test
    void keepsEverythingAcrossARestart() throws Exception {
        StoreLocation location = newDatabase();
        SwitchState off = new SwitchState("sms-alpha", false, "provider outage", "ops-console", T0);
        Event event = event(T0, "sms-alpha", Event.SWITCHED, "ops-console");
        Event gatewayEvent = event(T0.plusSeconds(1), null, Event.CONFIG_RELOADED, null);
        CheckResult check = new CheckResult("sms-alpha", "ping", T0, true, 200, Duration.ofNanos(12_345_000), "ok");
        ResourceReading reading = new ResourceReading("sms-alpha", "balance", T0, 512.25, ResourceLevel.OK, "");
        try (Store store = Store.open(location, CLOCK)) {
            store.switches().set(off);
            store.events().append(event);
            store.events().append(gatewayEvent);
            store.checks().record(check);
            store.resources().record(reading);
        }

        Store restarted = open(location);

        assertThat(restarted.switches().current("sms-alpha")).contains(off);
        assertThat(restarted.events().list(EventQuery.newest(10)).events()).containsExactly(gatewayEvent, event);
        assertThat(restarted.checks().latest("sms-alpha")).containsExactly(check);
        assertThat(restarted.resources().latest("sms-alpha")).containsExactly(reading);
    }

    @Test
    void knowsNoSwitchStateForAConnectorNobodySwitched() throws Exception {
        Store store = open(newDatabase());

        assertThat(store.switches().current("courier-express")).isEmpty();
    }

    @Test
    void replacesAConnectorsSwitchStateWhenSetAgain() throws Exception {
        Store store = open(newDatabase());
        store.switches().set(new SwitchState("crm", false, "maintenance", "ops-console", T0));
        SwitchState on = new SwitchState("crm", true, "", "admin", T0.plusSeconds(60));

        store.switches().set(on);

        assertThat(store.switches().current("crm")).contains(on);
        assertThat(store.switches().all()).containsExactly(on);
    }

    @Test
    void listsEverySwitchStateByConnector() throws Exception {
        Store store = open(newDatabase());
        SwitchState sms = new SwitchState("sms", false, "balance spent", "ops", T0);
        SwitchState courier = new SwitchState("courier", true, "", "ops", T0);
        store.switches().set(sms);
        store.switches().set(courier);

        List<SwitchState> all = store.switches().all();

        assertThat(all).containsExactly(courier, sms);
    }

    @Test
    void reportsOnlyTheSwitchesChangedAfterAVersionOldestFirst() throws Exception {
        Store store = open(newDatabase());
        SwitchState smsOff = new SwitchState("sms", false, "outage", "ops", T0);
        SwitchState courierOff = new SwitchState("courier", false, "closed", "ops", T0);
        SwitchState smsOn = new SwitchState("sms", true, "", "ops", T0.plusSeconds(5));
        store.switches().set(smsOff);
        long afterCourier = store.switches().set(courierOff);
        SwitchChanges everything = store.switches().changedSince(0);
        SwitchChanges nothing = store.switches().changedSince(everything.version());
        store.switches().set(smsOn);

        SwitchChanges changes = store.switches().changedSince(nothing.version());

        assertThat(everything.changed()).containsExactly(smsOff, courierOff);
        assertThat(everything.version()).isEqualTo(afterCourier);
        assertThat(nothing.changed()).isEmpty();
        assertThat(nothing.version()).isEqualTo(afterCourier);
        assertThat(changes.changed()).containsExactly(smsOn);
        assertThat(changes.version()).isGreaterThan(afterCourier);
    }

    @Test
    void startsOverWhenAskedFromAVersionAheadOfTheDatabase() throws Exception {
        Store store = open(newDatabase());
        SwitchState off = new SwitchState("sms", false, "outage", "ops", T0);
        long version = store.switches().set(off);

        SwitchChanges changes = store.switches().changedSince(version + 1000);

        assertThat(changes).isEqualTo(new SwitchChanges(version, List.of(off)));
    }

    @Test
    void givesEveryConcurrentSwitchWriteItsOwnVersion() throws Exception {
        Store store = open(newDatabase());

        List<Long> versions = concurrently(
                4,
                25,
                (thread, i) -> store.switches()
                        .set(new SwitchState("connector-" + i, i % 2 == 0, "load", "thread-" + thread, T0)));

        assertThat(new HashSet<>(versions)).hasSize(100);
        assertThat(store.switches().changedSince(0).version())
                .isEqualTo(versions.stream().mapToLong(v -> v).max().orElseThrow());
        assertThat(store.switches().all()).hasSize(25);
    }

    @Test
    void letsAPollerFollowingTheVersionsEndWithEveryLatestStateWhileOthersWrite() throws Exception {
        Store store = open(newDatabase());
        Map<String, SwitchState> seen = new HashMap<>();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<List<Long>> writing = background.submit(() -> concurrently(
                    3,
                    40,
                    (thread, i) -> store.switches()
                            .set(new SwitchState(
                                    "connector-" + (i % 7),
                                    i % 2 == 0,
                                    "write " + thread + "/" + i,
                                    "node-" + thread,
                                    T0))));
            long version = 0;
            for (int polls = 0; polls < 100_000 && !writing.isDone(); polls++) {
                version = follow(store.switches().changedSince(version), seen);
            }
            writing.get(60, TimeUnit.SECONDS);
            follow(store.switches().changedSince(version), seen);
        } finally {
            background.shutdownNow();
        }

        List<SwitchState> all = store.switches().all();

        assertThat(seen.values()).containsExactlyInAnyOrderElementsOf(all);
    }

    private static long follow(SwitchChanges changes, Map<String, SwitchState> seen) {
        changes.changed().forEach(state -> seen.put(state.connector(), state));
        return changes.version();
    }

    @Test
    void listsEventsNewestFirst() throws Exception {
        Store store = open(newDatabase());
        Event first = event(T0, "sms", Event.LAMP_CHANGED, null);
        Event second = event(T0.plusSeconds(1), "sms", Event.SWITCHED, "ops");
        Event third = event(T0.plusSeconds(2), null, Event.CONFIG_RELOADED, "admin");
        store.events().append(second);
        store.events().append(third);
        store.events().append(first);

        EventPage page = store.events().list(EventQuery.newest(10));

        assertThat(page.events()).containsExactly(third, second, first);
        assertThat(page.next()).isNull();
    }

    @Test
    void filtersEventsByConnectorKindAndTime() throws Exception {
        Store store = open(newDatabase());
        Event early = event(T0, "sms", Event.LAMP_CHANGED, null);
        Event switched = event(T0.plusSeconds(10), "sms", Event.SWITCHED, "ops");
        Event lamp = event(T0.plusSeconds(20), "sms", Event.LAMP_CHANGED, null);
        Event otherConnector = event(T0.plusSeconds(20), "courier", Event.LAMP_CHANGED, null);
        Event late = event(T0.plusSeconds(30), "sms", Event.THRESHOLD_CROSSED, null);
        store.events().appendAll(List.of(early, switched, lamp, otherConnector, late));

        EventPage page = store.events()
                .list(EventQuery.newest(10)
                        .withConnector("sms")
                        .withKinds(Set.of(Event.SWITCHED, Event.LAMP_CHANGED))
                        .withSince(T0.plusSeconds(10))
                        .withUntil(T0.plusSeconds(30)));

        assertThat(page.events()).containsExactly(lamp, switched);
    }

    @Test
    void pagesThroughEventsWithTheCursorEvenWhenTimesTie() throws Exception {
        Store store = open(newDatabase());
        List<Event> events = IntStream.range(0, 25)
                .mapToObj(i -> event(T0.plusSeconds(i / 3), "sms", Event.LAMP_CHANGED, null))
                .toList();
        store.events().appendAll(events);
        List<Event> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();

        EventQuery query = EventQuery.newest(10).withConnector("sms");
        for (int pages = 0; pages < 10; pages++) {
            EventPage page = store.events().list(query);
            seen.addAll(page.events());
            pageSizes.add(page.events().size());
            if (page.next() == null) {
                break;
            }
            query = query.withBefore(page.next());
        }

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(events);
        assertThat(seen).isSortedAccordingTo((a, b) -> b.time().compareTo(a.time()));
    }

    @Test
    void storesAnEventAppendedTwiceOnce() throws Exception {
        Store store = open(newDatabase());
        Event event = event(T0, "sms", Event.SWITCHED, "ops");
        store.events().append(event);

        store.events().append(event);

        assertThat(store.events().list(EventQuery.newest(10)).events()).containsExactly(event);
    }

    @Test
    void storesEveryEventWrittenByManyThreadsAtOnce() throws Exception {
        Store store = open(newDatabase());

        List<Event> written = concurrently(8, 50, (thread, i) -> {
            Event event = event(T0.plusMillis(i), "connector-" + thread, Event.LAMP_CHANGED, null);
            store.events().append(event);
            return event;
        });

        assertThat(store.events().list(EventQuery.newest(EventQuery.MAX_LIMIT)).events())
                .containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void returnsTheNewestResultOfEachCheck() throws Exception {
        Store store = open(newDatabase());
        CheckResult oldPing = new CheckResult("sms", "ping", T0, true, 200, Duration.ofMillis(40), "ok");
        CheckResult newPing = new CheckResult("sms", "ping", T0.plusSeconds(60), false, 500, null, "status 500");
        CheckResult send = new CheckResult("sms", "send", T0.plusSeconds(30), false, null, null, "connect refused");
        CheckResult otherConnector = new CheckResult("courier", "ping", T0.plusSeconds(90), true, 200, null, "ok");
        for (CheckResult result : List.of(newPing, oldPing, send, otherConnector)) {
            store.checks().record(result);
        }

        List<CheckResult> latest = store.checks().latest("sms");

        assertThat(latest).containsExactly(newPing, send);
    }

    @Test
    void returnsACheckHistorySinceATimeNewestFirstUpToTheLimit() throws Exception {
        Store store = open(newDatabase());
        List<CheckResult> results = IntStream.range(0, 10)
                .mapToObj(i -> new CheckResult(
                        "sms", "ping", T0.plusSeconds(60L * i), i % 3 != 0, 200, Duration.ofMillis(i), "run " + i))
                .toList();
        for (CheckResult result : results) {
            store.checks().record(result);
        }
        store.checks().record(new CheckResult("sms", "send", T0.plusSeconds(600), true, 200, null, "ok"));

        List<CheckResult> history = store.checks().history("sms", "ping", T0.plusSeconds(120), 5);

        assertThat(history)
                .containsExactly(results.get(9), results.get(8), results.get(7), results.get(6), results.get(5));
        assertThat(store.checks().history("sms", "ping", T0.plusSeconds(420), 100))
                .containsExactly(results.get(9), results.get(8), results.get(7));
    }

    @Test
    void returnsTheNewestReadingOfEachResourceIncludingFailedProbes() throws Exception {
        Store store = open(newDatabase());
        ResourceReading oldBalance = new ResourceReading("sms", "balance", T0, 900.0, ResourceLevel.OK, "");
        ResourceReading newBalance =
                new ResourceReading("sms", "balance", T0.plusSeconds(300), 8.5, ResourceLevel.WARN, "under 10");
        ResourceReading failed = new ResourceReading(
                "sms", "senders", T0.plusSeconds(200), null, ResourceLevel.UNKNOWN, "answer was not JSON");
        store.resources().record(oldBalance);
        store.resources().record(newBalance);
        store.resources().record(failed);

        List<ResourceReading> latest = store.resources().latest("sms");

        assertThat(latest).containsExactly(newBalance, failed);
    }

    @Test
    void returnsAResourceHistorySinceATimeNewestFirstUpToTheLimit() throws Exception {
        Store store = open(newDatabase());
        List<ResourceReading> readings = IntStream.range(0, 6)
                .mapToObj(i -> new ResourceReading(
                        "courier", "free", T0.plusSeconds(300L * i), 10.0 - i, ResourceLevel.OK, ""))
                .toList();
        for (ResourceReading reading : readings) {
            store.resources().record(reading);
        }

        List<ResourceReading> history = store.resources().history("courier", "free", T0.plusSeconds(300), 3);

        assertThat(history).containsExactly(readings.get(5), readings.get(4), readings.get(3));
    }

    @Test
    void deletesOnlyRowsOlderThanTheCutoffAndNeverSwitchStates() throws Exception {
        Store store = open(newDatabase());
        Instant cutoff = T0.plusSeconds(3600);
        List<Event> oldEvents = IntStream.range(0, 2 * Retention.BATCH + 500)
                .mapToObj(i -> event(T0.plusMillis(i), "sms", Event.LAMP_CHANGED, null))
                .toList();
        store.events().appendAll(oldEvents);
        Event recentEvent = event(cutoff, "sms", Event.SWITCHED, "ops");
        store.events().append(recentEvent);
        store.checks().record(new CheckResult("sms", "ping", T0, true, 200, null, "old"));
        CheckResult recentCheck = new CheckResult("sms", "ping", cutoff.plusSeconds(1), true, 200, null, "new");
        store.checks().record(recentCheck);
        store.resources().record(new ResourceReading("sms", "balance", T0, 1.0, ResourceLevel.CRITICAL, "old"));
        ResourceReading recentReading = new ResourceReading("sms", "balance", cutoff, 2.0, ResourceLevel.OK, "new");
        store.resources().record(recentReading);
        SwitchState oldSwitch = new SwitchState("sms", false, "long ago", "ops", T0.minusSeconds(86_400));
        store.switches().set(oldSwitch);

        DeletedRows deleted = store.retention().deleteOlderThan(cutoff);

        assertThat(deleted).isEqualTo(new DeletedRows(oldEvents.size(), 1, 1));
        assertThat(store.events().list(EventQuery.newest(10)).events()).containsExactly(recentEvent);
        assertThat(store.checks().history("sms", "ping", Instant.EPOCH, 10)).containsExactly(recentCheck);
        assertThat(store.resources().history("sms", "balance", Instant.EPOCH, 10))
                .containsExactly(recentReading);
        assertThat(store.switches().current("sms")).contains(oldSwitch);
    }

    @Test
    void saysItIsAvailableOnceOpened() throws Exception {
        Store store = open(newDatabase());

        StoreStatus status = store.status();

        assertThat(status).isEqualTo(new StoreStatus(true, T0, null));
    }

    Event event(Instant time, @Nullable String connector, String kind, @Nullable String actor) {
        return new Event(
                Event.newId(time, random),
                time,
                connector,
                kind,
                Severity.INFO,
                kind + " at " + time,
                actor,
                "{\"at\":\"" + time + "\"}");
    }

    /** Runs {@code perThread} calls on each of {@code threads} threads at once and returns every result. */
    static <T> List<T> concurrently(int threads, int perThread, ThreadWork<T> work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<T>>> tasks = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int id = thread;
                tasks.add(() -> {
                    List<T> results = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        results.add(work.run(id, i));
                    }
                    return results;
                });
            }
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : executor.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            executor.shutdownNow();
        }
    }

    /** One call of {@link #concurrently}. */
    @FunctionalInterface
    interface ThreadWork<T> {
        T run(int thread, int call) throws Exception;
    }

    private List<String> appliedMigrations(StoreLocation location) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = connect(location);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    long count(StoreLocation location, String sql) throws SQLException {
        try (Connection connection = connect(location);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

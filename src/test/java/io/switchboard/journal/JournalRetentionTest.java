package io.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.DataSize;
import io.switchboard.config.JournalConfig;
import io.switchboard.store.ExchangeQuery;
import io.switchboard.store.ExchangeRecord;
import io.switchboard.store.Store;
import io.switchboard.store.StoreLocation;
import io.switchboard.testing.JournalRecords;
import io.switchboard.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by age and, for SQLite, by size, on a real store with a clock the test moves. */
class JournalRetentionTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.at(T0);
    private @org.jspecify.annotations.Nullable Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void deletesRecordsOlderThanTheRetentionWithTheirDetailsInSmallChunks() throws Exception {
        Store store = Store.open(new StoreLocation.Sqlite(directory.resolve("r.db")), clock);
        this.store = store;
        List<ExchangeRecord> records = new ArrayList<>();
        // 2,500 records a minute apart reaching back ~41 hours, then one fresh record.
        for (int i = 0; i < 2500; i++) {
            records.add(record(T0.minus(Duration.ofMinutes(i + 1)), i, "x"));
        }
        records.add(record(T0, 9999, "fresh"));
        store.exchanges().insertAll(records);
        AtomicReference<JournalConfig> settings =
                new AtomicReference<>(new JournalConfig(DataSize.ofKibibytes(8), Duration.ofDays(7)));
        JournalRetention retention = new JournalRetention(settings::get, () -> store, clock);

        assertThat(retention.runOnce()).isEqualTo(new JournalRetention.Deleted(0, 0));

        clock.advance(Duration.ofDays(6));
        JournalRetention.Deleted deleted = retention.runOnce();

        // Everything older than 7 days before the moved clock, i.e. more than 24 h before T0: minutes 1441..2500.
        assertThat(deleted.byAge()).isEqualTo(1060);
        assertThat(store.exchanges().count()).isEqualTo(1441);
        assertThat(store.exchanges().find(records.get(2499).id())).isEmpty();
        assertThat(store.exchanges().find(records.get(0).id()))
                .get()
                .extracting(ExchangeRecord::detail)
                .isNotNull();
        // The fresh record shared its detail block with the oldest ones: the block stays while one of its records does.
        assertThat(store.exchanges().find(records.get(2500).id()))
                .get()
                .extracting(ExchangeRecord::detail)
                .isEqualTo("{\"pad\":\"fresh\"}");
        assertThat(store.exchanges()
                        .list(ExchangeQuery.newest(1))
                        .records()
                        .getFirst()
                        .target())
                .isEqualTo("/fresh");
    }

    @Test
    void deletesTheOldestRecordsWhileTheSqliteStoreIsOverItsSizeLimit() throws Exception {
        Store store = Store.open(new StoreLocation.Sqlite(directory.resolve("s.db")), clock);
        this.store = store;
        // Details of random digits: details are stored deflated, and a repeated letter would shrink to nothing.
        SplittableRandom random = new SplittableRandom(5);
        for (int batch = 0; batch < 5; batch++) {
            List<ExchangeRecord> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                byte[] noise = new byte[1024];
                random.nextBytes(noise);
                records.add(record(T0.minusSeconds(5000 - n), n, HexFormat.of().formatHex(noise)));
            }
            store.exchanges().insertAll(records);
        }
        long before = store.exchanges().usedBytes();
        assertThat(before).isGreaterThan(5_000_000);
        DataSize limit = DataSize.ofBytes(3_000_000);
        JournalRetention retention = new JournalRetention(
                () -> new JournalConfig(true, DataSize.ofKibibytes(8), Duration.ofDays(7), limit, 100),
                () -> store,
                clock);

        JournalRetention.Deleted deleted = retention.runOnce();

        assertThat(deleted.byAge()).isZero();
        assertThat(deleted.bySize()).isPositive();
        assertThat(store.exchanges().usedBytes()).isLessThanOrEqualTo(limit.bytes());
        long left = store.exchanges().count();
        assertThat(left).isEqualTo(5000 - deleted.bySize()).isPositive();
        // The newest records are the ones kept.
        assertThat(store.exchanges()
                        .list(ExchangeQuery.newest(1))
                        .records()
                        .getFirst()
                        .target())
                .isEqualTo("/4999");
    }

    private static ExchangeRecord record(Instant time, int n, String detail) {
        long micros = Journal.micros(time);
        return JournalRecords.proxied(
                JournalRecords.id(micros, "0000", n),
                micros,
                detail.equals("fresh") ? "/fresh" : "/" + n,
                1000,
                "{\"pad\":\"" + detail + "\"}");
    }
}

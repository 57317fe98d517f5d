package io.switchboard.journal;

import io.switchboard.store.ExchangeRecord;
import io.switchboard.store.Store;
import io.switchboard.store.StoreLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Journal write throughput: batches of 1,000 records (the writer's batch size) into SQLite and into PostgreSQL, with
 * metadata only and with 1 KiB request and response bodies in the details. Run by {@code bench/journal-write.sh}.
 *
 * <p>Arguments: {@code [RECORDS]} per measurement, default 200,000.
 */
public final class JournalWriteBench {
    private static final String FILLER = "b".repeat(1024);

    private JournalWriteBench() {}

    private static String randomHex(SplittableRandom random, int length) {
        StringBuilder hex = new StringBuilder(length);
        while (hex.length() < length) {
            hex.append(Long.toHexString(random.nextLong()));
        }
        hex.setLength(length);
        return hex.toString();
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path directory = Files.createTempDirectory("journal-write-bench");
        String body = FILLER;
        String metadataDetail = "{\"attempts\":[{\"endpoint\":\"http://10.0.0.1:8080\",\"status\":200,\"error\":null,"
                + "\"startUs\":12,\"durationUs\":1234}],\"request\":{\"headers\":[[\"content-type\",\"application/json\"],"
                + "[\"x-api-key\",\"***\"]],\"body\":null},\"response\":{\"headers\":[[\"content-type\","
                + "\"application/json\"]],\"body\":null}}";
        String bodyDetail = metadataDetail.replace(
                "\"body\":null",
                "\"body\":{\"size\":1024,\"contentType\":\"application/json\",\"truncated\":false,"
                        + "\"encoding\":\"utf-8\",\"data\":\"" + body + "\"}");
        try (Store sqlite = Store.open(new StoreLocation.Sqlite(directory.resolve("w.db")), Clock.systemUTC())) {
            run("sqlite", sqlite, records, metadataDetail, "metadata only");
            run("sqlite", sqlite, records, bodyDetail, "1 KiB bodies each way");
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("pg"))
                        .setCleanDataDirectory(true)
                        .start();
                Store pg = Store.open(
                        StoreLocation.parse(
                                "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres"),
                        Clock.systemUTC())) {
            run("postgresql", pg, records, metadataDetail, "metadata only");
            run("postgresql", pg, records, bodyDetail, "1 KiB bodies each way");
        }
    }

    private static void run(String name, Store store, int records, String detail, String what) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        long base = Journal.micros(java.time.Instant.now()) + random.nextInt(1_000_000);
        List<ExchangeRecord> batch = new ArrayList<>(1000);
        long began = System.nanoTime();
        for (int n = 0; n < records; n++) {
            // Every body different (random hex where the template has its "b"s): details are stored deflated, and
            // identical bodies would shrink to nothing.
            String unique = detail.indexOf(FILLER) < 0 ? detail : detail.replace(FILLER, randomHex(random, 1024));
            batch.add(JournalQueryBench.record(random, base + n, n).withDetail(unique));
            if (batch.size() == 1000) {
                store.exchanges().insertAll(batch);
                batch.clear();
            }
        }
        store.exchanges().insertAll(batch);
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(
                "%-10s %-22s %,9d records in %6.2f s = %,10.0f exchanges/s%n",
                name, what, records, seconds, records / seconds);
    }
}

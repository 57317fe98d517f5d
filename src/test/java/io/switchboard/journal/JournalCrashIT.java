package io.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.store.RecordPack;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.GatewayProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child gateway under load is killed with SIGKILL: its SQLite file opens cleanly afterwards and holds every exchange
 * answered more than a second before the kill; nothing it logged carries a planted secret.
 */
class JournalCrashIT {
    private static final String PAN = "4111111111111111";
    private static final String KEY = "ck-crash-planted-31c9";
    private static final String TOKEN = "crash-token-planted-0002";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @TempDir
    Path directory;

    @Test
    void aKilledGatewayLeavesAStoreThatOpensCleanlyAndLosesAtMostTheLastSecond() throws Exception {
        UPSTREAM.answerWith(request -> Reply.ok("{\"echo\":\"" + KEY + "\",\"card\":\"" + PAN + "\"}")
                .withHeader("Content-Type", "application/json"));
        Path db = directory.resolve("crash.db");
        String yaml = """
                gateway:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  store: "sqlite:%s"
                  tokens:
                    - { name: ops, role: viewer, secret: "${TOKEN}" }
                connectors:
                  courier:
                    upstream: { endpoints: [ "%s" ] }
                    credentials: { header: X-Api-Key, value: "${KEY}" }
                  broken:
                    upstream: { endpoints: [ "http://127.0.0.1:9" ] }
                """.formatted(db, UPSTREAM.baseUrl());
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        long killedAt;
        List<String> logs = new ArrayList<>();
        try (GatewayProcess gateway = GatewayProcess.withYaml(yaml)
                .env("KEY", KEY)
                .env("TOKEN", TOKEN)
                .start()) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger sequence = new AtomicInteger();
            int threads = 4;
            CountDownLatch stopped = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (running.get()) {
                            String id = "crash-" + sequence.incrementAndGet();
                            String connector = sequence.get() % 50 == 0 ? "broken" : "courier";
                            try {
                                HttpResponse<String> response = client.send(
                                        HttpRequest.newBuilder(gateway.proxy("/" + connector + "/pay?card=" + PAN))
                                                .header("X-Request-Id", id)
                                                .header("X-Debug", TOKEN)
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofString(
                                                        "{\"card\":\"" + PAN + "\",\"key\":\"" + KEY + "\"}"))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() > 0) {
                                    answeredAt.put(id, System.nanoTime());
                                }
                            } catch (Exception e) {
                                // The kill breaks calls in flight; those are not expected in the store.
                                failures.add(e.toString());
                            }
                        }
                    } finally {
                        stopped.countDown();
                    }
                });
            }
            // Load until a few hundred calls are answered (a cold child JVM on shared cores is slow at first).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> answeredAt.size() >= 400);
            // And on for longer than the grace below, so that a fast gateway still has calls answered well before
            // the kill to look for.
            Thread.sleep(1_500);
            killedAt = System.nanoTime();
            gateway.process().destroyForcibly(); // SIGKILL on Linux
            assertThat(gateway.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            running.set(false);
            assertThat(stopped.await(20, TimeUnit.SECONDS)).isTrue();
            logs.addAll(gateway.stdoutLines());
            logs.addAll(gateway.stderrLines());
            System.out.println("calls broken by the kill: " + failures.size());
            System.out.println(String.join("\n", logs.subList(0, Math.min(30, logs.size()))));
        }

        Set<String> expected = new HashSet<>();
        long graceNanos = TimeUnit.SECONDS.toNanos(1);
        answeredAt.forEach((id, at) -> {
            if (at < killedAt - graceNanos) {
                expected.add(id);
            }
        });
        assertThat(expected).hasSizeGreaterThan(50);
        Set<String> stored = new HashSet<>();
        String details;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("ok");
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT data FROM exchange_pack");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RecordPack.records(rows.getBytes(1)).forEach(record -> stored.add(record.requestId()));
                }
            }
            details = JournalContract.inflatedDetailBlocks(connection);
        }
        assertThat(details).as("the details were written too").isNotEmpty();
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(stored);
        System.out.println("kill -9: " + answeredAt.size() + " answered, " + stored.size() + " stored, "
                + expected.size() + " answered over 1 s before the kill, " + missing.size() + " of those missing");
        assertThat(missing).isEmpty();

        String everything = String.join("\n", logs)
                + details
                + new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1)
                + (Files.exists(directory.resolve("crash.db-wal"))
                        ? new String(Files.readAllBytes(directory.resolve("crash.db-wal")), StandardCharsets.ISO_8859_1)
                        : "");
        assertThat(logs).isNotEmpty();
        for (String secret : List.of(PAN, KEY, TOKEN)) {
            assertThat(everything).as("logs and store").doesNotContain(secret);
        }
    }
}

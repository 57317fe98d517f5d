package io.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.LoadResult;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.pipeline.Exchange;
import io.switchboard.store.ExchangePage;
import io.switchboard.store.ExchangeQuery;
import io.switchboard.store.ExchangeRecord;
import io.switchboard.store.Store;
import io.switchboard.store.StoreException;
import io.switchboard.store.StoreLocation;
import io.switchboard.store.StoreUnavailableException;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.JournalRecords;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's queue under pressure and without a store: it never blocks, sheds bodies first, counts every drop. */
class JournalTest {
    @TempDir
    Path directory;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void dropsBodiesFirstThenSamplesRecordsWhenTheWriterFallsBehindAndCountsEveryDrop() throws Exception {
        Store store = sqliteStore();
        CountDownLatch release = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Journal journal = Journal.start(
                config("queue-size: 20").gateway().journal(), Clock.systemUTC(), new Random(1), registry, () -> {
                    // The writer is stuck behind a slow store until the test lets it go.
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return store;
                });
        open.add(journal);
        SwitchboardConfig config = config("queue-size: 20");

        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            proxied(journal, config, "/courier/orders/" + i, "body-" + i);
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        JournalCounts during = journal.counts();
        release.countDown();
        assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
        JournalCounts after = journal.counts();

        assertThat(tookMillis).as("the proxy side never waits").isLessThan(5_000);
        assertThat(during.queued()).isLessThanOrEqualTo(20);
        assertThat(after.droppedBodies()).isPositive();
        assertThat(after.droppedRecords()).isPositive();
        assertThat(after.written() + after.droppedRecords()).isEqualTo(200);
        assertThat(registry.get("switchboard.journal.dropped")
                        .tag("what", "body")
                        .counter()
                        .count())
                .isEqualTo((double) after.droppedBodies());
        assertThat(registry.get("switchboard.journal.dropped")
                        .tag("what", "record")
                        .counter()
                        .count())
                .isEqualTo((double) after.droppedRecords());

        // Every record kept without its body is one counted drop; the others kept their bodies.
        ExchangePage page = store.exchanges().list(ExchangeQuery.newest(1000));
        long withoutBody = 0;
        for (ExchangeRecord record : page.records()) {
            JsonObject detail = new JsonObject(
                    store.exchanges().find(record.id()).orElseThrow().detail());
            if (detail.getJsonObject("request").getValue("body") == null) {
                withoutBody++;
            }
        }
        assertThat(page.records()).hasSize((int) after.written());
        assertThat(withoutBody).isEqualTo(after.droppedBodies());
        assertThat(after.written() - withoutBody)
                .as("records with their bodies")
                .isPositive();
    }

    @Test
    void dropsAndCountsRecordsWhileTheStoreIsUnavailableAndNeverBlocks() {
        Journal journal = Journal.start(
                config("").gateway().journal(), Clock.systemUTC(), new Random(1), new SimpleMeterRegistry(), () -> {
                    throw new StoreUnavailableException("store is down", null, null);
                });
        open.add(journal);
        SwitchboardConfig config = config("");

        for (int i = 0; i < 50; i++) {
            proxied(journal, config, "/courier/x", "b");
        }

        assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(journal.counts().written()).isZero();
        assertThat(journal.counts().droppedRecords()).isEqualTo(50);
    }

    @Test
    void writesAProbeWithItsDetailBesideProxiedExchangesInOneBatch() throws Exception {
        Store store = sqliteStore();
        Journal journal = startedOn(store);
        SwitchboardConfig config = config("");

        // Offered within a few milliseconds, well inside the 50 ms a batch stays open, so the writer hands the three to
        // the store together; what is asserted (each record with its own detail) holds however they are batched.
        proxied(journal, config, "/courier/orders/1", "first");
        journal.probe(
                config,
                config.connectors().values().iterator().next(),
                "check",
                "ping",
                "GET",
                "/health",
                503,
                Duration.ofMillis(12),
                true,
                Instant.now(),
                "answered 503 with tok-123 in it");
        proxied(journal, config, "/courier/orders/2", "second");
        assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();

        List<ExchangeRecord> written =
                store.exchanges().list(ExchangeQuery.newest(10)).records();
        assertThat(written).extracting(ExchangeRecord::kind).containsExactlyInAnyOrder("proxy", "check", "proxy");
        ExchangeRecord probe = written.stream()
                .filter(record -> record.kind().equals("check"))
                .findFirst()
                .orElseThrow();
        JsonObject detail =
                new JsonObject(store.exchanges().find(probe.id()).orElseThrow().detail());
        assertThat(detail.getString("probe")).isEqualTo("check/ping");
        assertThat(detail.getString("note")).startsWith("answered 503 with ").doesNotContain("tok-123");
        for (ExchangeRecord proxy : written) {
            if (proxy.kind().equals("proxy")) {
                assertThat(new JsonObject(store.exchanges()
                                        .find(proxy.id())
                                        .orElseThrow()
                                        .detail())
                                .getJsonObject("request")
                                .getJsonObject("body")
                                .getString("data"))
                        .isIn("first", "second");
            }
        }
    }

    @Test
    void dropsARecordWhoseDetailCannotBeWrittenAndKeepsTheOthersDetailsWhole() throws Exception {
        Store store = sqliteStore();
        Journal journal = startedOn(store);
        SwitchboardConfig config = config("");
        // Parts the writer fails on halfway through the detail (an attempt that is not there): nothing the capture
        // makes, but the way any bug in rendering would show. Its half-written line must not reach the block.
        MaskedDetail broken = new MaskedDetail(
                Arrays.asList((Exchange.Attempt) null), 0, new String[] {"Host", "example"}, null, null, null);

        proxied(journal, config, "/courier/orders/1", "first");
        journal.offer(JournalRecords.proxied("0000000000000000000000000bad", 1, "/broken", 1, null), broken);
        proxied(journal, config, "/courier/orders/2", "second");
        assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();

        List<ExchangeRecord> written =
                store.exchanges().list(ExchangeQuery.newest(10)).records();
        assertThat(written)
                .extracting(ExchangeRecord::target)
                .containsExactlyInAnyOrder("/courier/orders/1", "/courier/orders/2");
        for (ExchangeRecord record : written) {
            JsonObject detail = new JsonObject(
                    store.exchanges().find(record.id()).orElseThrow().detail());
            assertThat(detail.getJsonObject("request").getJsonObject("body").getString("data"))
                    .isEqualTo(record.target().endsWith("1") ? "first" : "second");
        }
        assertThat(journal.counts().droppedRecords()).isEqualTo(1);
        assertThat(journal.counts().written()).isEqualTo(2);
    }

    @Test
    void capturesNothingAtAllWhenTheJournalIsOff() {
        Journal journal = Journal.start(
                config("").gateway().journal(), Clock.systemUTC(), new Random(1), new SimpleMeterRegistry(), () -> {
                    throw new AssertionError("no store call expected");
                });
        open.add(journal);
        SwitchboardConfig off = config("enabled: false");

        assertThat(journal.begin(off, "/courier/x")).isNull();
        assertThat(journal.counts()).isEqualTo(new JournalCounts(0, 0, 0, 0));
    }

    @Test
    void keepsEveryInjectedCredentialFormAndTokenAsASecret() {
        SwitchboardConfig config = config("");
        List<String> secrets =
                Journal.secrets(config, config.connectors().values().iterator().next());

        assertThat(secrets).contains("Bearer tok-123", "tok-123", "admin-secret-0000");
    }

    /** Opens a SQLite store in the test's directory, closed after the test. */
    private Store sqliteStore() throws StoreException {
        Store store = Store.open(new StoreLocation.Sqlite(directory.resolve("j.db")), Clock.systemUTC());
        open.add(store);
        return store;
    }

    /** Starts a journal with the default settings writing to {@code store}, closed after the test. */
    private Journal startedOn(Store store) {
        Journal journal = Journal.start(
                config("").gateway().journal(),
                Clock.systemUTC(),
                new Random(1),
                new SimpleMeterRegistry(),
                () -> store);
        open.add(journal);
        return journal;
    }

    /** Runs one exchange with a request body through a capture, as the proxy does. */
    private static void proxied(Journal journal, SwitchboardConfig config, String target, String body) {
        Capture capture = journal.begin(config, target);
        if (capture == null) {
            throw new AssertionError("the journal is on: a capture was expected");
        }
        PushStream source = new PushStream();
        ReadStream<Buffer> teed = capture.request(source, "text/plain");
        teed.handler(chunk -> {});
        source.push(Buffer.buffer(body));
        capture.finish(
                ExchangeBuilder.of(HttpMethod.POST, target).build(),
                config.connectors().values().iterator().next(),
                200,
                "ok",
                MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain"),
                1_000);
    }

    private static SwitchboardConfig config(String journal) {
        String yaml = """
                gateway:
                  journal: { %s }
                  tokens:
                    - { name: root, role: admin, secret: "admin-secret-0000" }
                connectors:
                  courier:
                    upstream: { endpoints: [ "http://127.0.0.1:9" ] }
                    credentials: { header: Authorization, value: "Bearer tok-123" }
                """.formatted(journal);
        LoadResult result = ConfigLoader.parse(yaml, "switchboard.yaml", Map.of());
        if (!(result instanceof LoadResult.Valid valid)) {
            throw new AssertionError(result.problems().toString());
        }
        return valid.config();
    }

    /** A stream the test pushes chunks into. */
    private static final class PushStream implements ReadStream<Buffer> {
        private @Nullable Handler<Buffer> handler;

        void push(Buffer chunk) {
            Handler<Buffer> current = handler;
            if (current != null) {
                current.handle(chunk);
            }
        }

        @Override
        public ReadStream<Buffer> handler(@Nullable Handler<Buffer> newHandler) {
            this.handler = newHandler;
            return this;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(@Nullable Handler<Throwable> ignored) {
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(@Nullable Handler<Void> ignored) {
            return this;
        }
    }
}

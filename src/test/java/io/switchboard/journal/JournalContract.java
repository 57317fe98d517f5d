package io.switchboard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.PrometheusText;
import io.switchboard.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the journal does on every store backend, against a real gateway and a real upstream: capture (bodies,
 * truncation, attempts), masking end to end, the reading API's filters and pages, and the NDJSON export.
 */
abstract class JournalContract {
    static final String VIEW_TOKEN = "viewer-token-planted-0001";
    static final String COURIER_KEY = "ck-planted-7f3a9c";
    static final String PAN = "4111111111111111";
    static final String PAN_GROUPED = "5500 0000 0000 0004";
    static final String QUERY_SECRET = "qs-planted-5d1e";
    static final String CVV = "987";
    static final List<String> PLANTED = List.of(VIEW_TOKEN, COURIER_KEY, PAN, PAN_GROUPED, QUERY_SECRET);

    abstract RunningGateway gateway();

    abstract FakeUpstream upstream();

    /**
     * Returns every text the store holds for the journal, row by row (or the raw file for SQLite), with the detail
     * blocks inflated: deflated, a planted secret would slip past the scan.
     */
    abstract String storeDump() throws Exception;

    /** Returns the text of every detail block in the store, inflated. */
    static String inflatedDetailBlocks(java.sql.Connection connection) throws java.sql.SQLException {
        StringBuilder all = new StringBuilder();
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT data FROM exchange_detail_block")) {
            while (rows.next()) {
                all.append(io.switchboard.store.DetailBlock.text(rows.getBytes(1)))
                        .append('\n');
            }
        }
        return all.toString();
    }

    static String config(String store, String upstream) {
        return """
                gateway:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  drain-timeout: 1s
                  store: "%s"
                  journal: { body-limit: 1KiB }
                  tokens:
                    - { name: viewer, role: viewer, secret: "${VIEW_TOKEN}" }
                connectors:
                  courier:
                    upstream: { endpoints: [ "%s" ] }
                    credentials: { header: X-Api-Key, value: "${COURIER_KEY}" }
                    retry: { attempts: 2, backoff: 10ms, on: [ 503 ] }
                    mask: { json: [ "$.card.cvv" ], query: [ token ], form: [ pin ] }
                  quiet:
                    upstream: { endpoints: [ "%s" ] }
                """.formatted(store, upstream, upstream);
    }

    @Test
    void capturesAnExchangeWithHeadersBodiesAttemptsAndTimings() {
        upstream()
                .enqueue(Reply.ok("{\"order\":\"A-1\",\"state\":\"accepted\"}")
                        .withHeader("Content-Type", "application/json"));
        String trace = newTrace();
        HttpResponse<String> answer = gateway()
                .send(HttpRequest.newBuilder(gateway().proxy("/courier/orders?express=1"))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .header("Switchboard-Caller", "shop")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"qty\":2}"))
                        .build());
        assertThat(answer.statusCode()).isEqualTo(200);

        JsonObject summary = onlyItem("trace=" + trace);
        assertThat(summary.getString("kind")).isEqualTo("proxy");
        assertThat(summary.getString("caller")).isEqualTo("shop");
        assertThat(summary.getString("connector")).isEqualTo("courier");
        assertThat(summary.getString("method")).isEqualTo("POST");
        assertThat(summary.getString("target")).isEqualTo("/courier/orders?express=1");
        assertThat(summary.getInteger("status")).isEqualTo(200);
        assertThat(summary.getString("error")).isNull();
        assertThat(summary.getInteger("attempts")).isEqualTo(1);
        assertThat(summary.getString("endpoint")).isEqualTo(upstream().baseUrl());
        assertThat(summary.getLong("bytesIn")).isEqualTo(22);
        assertThat(summary.getLong("bytesOut")).isEqualTo(34);
        assertThat(summary.getDouble("durationMs")).isPositive();
        assertThat(summary.getDouble("upstreamMs")).isPositive().isLessThanOrEqualTo(summary.getDouble("durationMs"));
        assertThat(summary.getString("requestId"))
                .isEqualTo(answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(summary.getString("time")).endsWith("Z");

        JsonObject detail = detail(summary.getString("id"));
        assertThat(detail.getJsonArray("attempts")).hasSize(1);
        JsonObject attempt = detail.getJsonArray("attempts").getJsonObject(0);
        assertThat(attempt.getInteger("status")).isEqualTo(200);
        assertThat(attempt.getString("endpoint")).isEqualTo(upstream().baseUrl());
        JsonObject requestBody = detail.getJsonObject("request").getJsonObject("body");
        assertThat(requestBody.getString("text")).isEqualTo("{\"item\":\"tea\",\"qty\":2}");
        assertThat(requestBody.getLong("size")).isEqualTo(22);
        assertThat(requestBody.getBoolean("truncated")).isFalse();
        assertThat(requestBody.getBoolean("binary")).isFalse();
        assertThat(requestBody.getString("contentType")).isEqualTo("application/json");
        JsonObject response = detail.getJsonObject("response");
        assertThat(response.getJsonObject("body").getString("text")).contains("\"order\":\"A-1\"");
        assertThat(header(response.getJsonArray("headers"), "content-type")).isEqualTo("application/json");
        // The injected credential went upstream and is journaled only as a hint.
        assertThat(header(detail.getJsonObject("request").getJsonArray("headers"), "x-api-key"))
                .doesNotContain(COURIER_KEY);
    }

    @Test
    void truncatesBodiesOverTheLimitButCountsEveryByte() {
        byte[] big = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        upstream().enqueue(Reply.ok("y".repeat(3000)).asChunked());
        String trace = newTrace();
        gateway()
                .send(HttpRequest.newBuilder(gateway().proxy("/courier/upload"))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                        .build());

        JsonObject summary = onlyItem("trace=" + trace);
        assertThat(summary.getLong("bytesIn")).isEqualTo(5000);
        assertThat(summary.getLong("bytesOut")).isEqualTo(3000);
        JsonObject detail = detail(summary.getString("id"));
        JsonObject in = detail.getJsonObject("request").getJsonObject("body");
        assertThat(in.getBoolean("truncated")).isTrue();
        assertThat(in.getLong("size")).isEqualTo(5000);
        assertThat(in.getString("text")).hasSize(1024);
        JsonObject out = detail.getJsonObject("response").getJsonObject("body");
        assertThat(out.getBoolean("truncated")).isTrue();
        assertThat(out.getLong("size")).isEqualTo(3000);
        assertThat(out.getString("text")).hasSize(1024);
    }

    @Test
    void showsABinaryBodyAsItsSizeAndTypeOnly() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 1, 2, 3};
        upstream().enqueue(Reply.ok("").withBody(png).withHeader("Content-Type", "image/png"));
        String trace = newTrace();
        gateway()
                .send(HttpRequest.newBuilder(gateway().proxy("/courier/label.png"))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .build());

        JsonObject body = detail(onlyItem("trace=" + trace).getString("id"))
                .getJsonObject("response")
                .getJsonObject("body");
        assertThat(body.getBoolean("binary")).isTrue();
        assertThat(body.getString("text")).isNull();
        assertThat(body.getLong("size")).isEqualTo(10);
        assertThat(body.getString("contentType")).isEqualTo("image/png");
    }

    @Test
    void masksAndShowsAsTextBodiesInUtf16AndLegacyCharsets() throws Exception {
        String answer = "{\"card\":\"" + PAN + "\",\"city\":\"Москва\"}";
        upstream()
                .enqueue(Reply.ok("")
                        .withBody(answer.getBytes(StandardCharsets.UTF_16))
                        .withHeader("Content-Type", "application/json; charset=utf-16"));
        String trace = newTrace();
        HttpResponse<String> reply = gateway()
                .send(HttpRequest.newBuilder(gateway().proxy("/courier/orders"))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .header("Content-Type", "text/plain; charset=windows-1251")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                ("заказ " + PAN_GROUPED).getBytes(Charset.forName("windows-1251"))))
                        .build());
        assertThat(reply.statusCode()).isEqualTo(200);

        String id = onlyItem("trace=" + trace).getString("id");
        JsonObject detail = detail(id);
        String request = detail.getJsonObject("request").getJsonObject("body").getString("text");
        String response = detail.getJsonObject("response").getJsonObject("body").getString("text");
        assertThat(request).startsWith("заказ 5500 ").doesNotContain(PAN_GROUPED);
        assertThat(response)
                .contains("\"city\":\"Москва\"")
                .contains("\"card\":\"4111")
                .doesNotContain(PAN);
        gateway().gateway().journal().flush(Duration.ofSeconds(5));
        assertThat(storeDump()).contains(id).doesNotContain(PAN).doesNotContain(PAN_GROUPED);
    }

    @Test
    void recordsEveryAttemptOfARetriedCall() {
        upstream().enqueue(Reply.status(503, "busy"), Reply.ok("done"));
        String trace = newTrace();
        HttpResponse<String> answer = gateway()
                .send(HttpRequest.newBuilder(gateway().proxy("/courier/track/7"))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .build());
        assertThat(answer.statusCode()).isEqualTo(200);

        JsonObject summary = onlyItem("trace=" + trace);
        assertThat(summary.getInteger("attempts")).isEqualTo(2);
        JsonArray attempts = detail(summary.getString("id")).getJsonArray("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.getJsonObject(0).getInteger("status")).isEqualTo(503);
        assertThat(attempts.getJsonObject(1).getInteger("status")).isEqualTo(200);
        assertThat(attempts.getJsonObject(1).getDouble("startMs"))
                .isGreaterThanOrEqualTo(attempts.getJsonObject(0).getDouble("startMs"));
    }

    @Test
    void recordsTheGatewaysOwnAnswersWithTheirErrorKind() {
        upstream().enqueue(Reply.dropConnection(), Reply.dropConnection());
        String trace = newTrace();
        HttpResponse<String> answer = gateway()
                .send(HttpRequest.newBuilder(gateway().proxy("/courier/gone"))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .build());

        JsonObject summary = onlyItem("trace=" + trace);
        assertThat(summary.getInteger("status")).isEqualTo(answer.statusCode());
        assertThat(summary.getString("error"))
                .isEqualTo(answer.headers().firstValue("Switchboard-Error").orElseThrow());
        JsonObject detail = detail(summary.getString("id"));
        assertThat(detail.getJsonArray("attempts").getJsonObject(0).getString("error"))
                .isNotNull();
        assertThat(onlyItem("trace=" + trace + "&error=" + summary.getString("error"))
                        .getString("id"))
                .isEqualTo(summary.getString("id"));
    }

    @Test
    void filtersByConnectorCallerStatusErrorTraceTimeAndTargetAndPagesNewestFirst() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        upstream()
                .answerWith(request -> request.path().contains("fail")
                        ? Reply.status(500, "no")
                        : request.path().contains("missing") ? Reply.status(404, "none") : Reply.ok("fine"));
        try {
            for (int i = 0; i < 5; i++) {
                call("/quiet/ok-" + run + "/" + i, "billing");
            }
            call("/quiet/fail-" + run, "billing");
            call("/quiet/missing-" + run, null);
            waitForJournal();

            assertThat(ids("q=" + run)).hasSize(7);
            assertThat(ids("q=" + run.toUpperCase(java.util.Locale.ROOT))).hasSize(7);
            assertThat(ids("q=" + run + "&status=5xx")).hasSize(1);
            assertThat(ids("q=" + run + "&status=500")).hasSize(1);
            assertThat(ids("q=" + run + "&status=4xx")).hasSize(1);
            assertThat(ids("q=" + run + "&status=2xx")).hasSize(5);
            assertThat(ids("q=" + run + "&caller=billing")).hasSize(6);
            assertThat(ids("q=" + run + "&caller=anonymous")).hasSize(1);
            assertThat(ids("q=" + run + "&connector=quiet")).hasSize(7);
            assertThat(ids("q=" + run + "&connector=courier")).isEmpty();
            assertThat(ids("q=" + run + "&since=10m")).hasSize(7);
            assertThat(ids("q=" + run + "&until=10m")).isEmpty();
            assertThat(ids("q=" + run + "&since=2020-01-01T00:00:00Z&until=2999-01-01T00:00:00Z"))
                    .hasSize(7);

            // Pages of two, newest first, each page's cursor leading to the next, no record twice.
            List<String> paged = new ArrayList<>();
            List<String> times = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonObject page = list("q=" + run + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
                for (Object item : page.getJsonArray("items")) {
                    paged.add(((JsonObject) item).getString("id"));
                    times.add(((JsonObject) item).getString("time"));
                }
                cursor = page.getString("next");
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(4);
            assertThat(paged)
                    .doesNotHaveDuplicates()
                    .hasSize(7)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(list("q=" + run).getJsonArray("items").getJsonObject(0).getString("target"))
                    .isEqualTo("/quiet/missing-" + run);

            List<String> exported = ndjson("q=" + run + "&format=ndjson");
            assertThat(exported).hasSize(7);
            assertThat(exported.stream()
                            .map(line -> new JsonObject(line).getString("id"))
                            .toList())
                    .isEqualTo(paged);
        } finally {
            upstream().answerWith(request -> Reply.ok("ok"));
        }
    }

    @Test
    void answersProblemsForBadFiltersAndUnknownIds() {
        assertThat(admin("/api/v1/exchanges?status=5yy").statusCode()).isEqualTo(400);
        assertThat(admin("/api/v1/exchanges?limit=501").statusCode()).isEqualTo(400);
        assertThat(admin("/api/v1/exchanges?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(admin("/api/v1/exchanges?cursor=not-a-cursor").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = admin("/api/v1/exchanges/00000000000000000000ffff00000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("type")).contains("not-found");
        assertThat(gateway()
                        .send(HttpRequest.newBuilder(gateway().admin("/api/v1/exchanges"))
                                .build())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aggregatesStatsAndTheServiceMap() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        upstream().answerWith(request -> request.path().contains("fail") ? Reply.status(502, "no") : Reply.ok("ok"));
        try {
            call("/quiet/map-" + run, "warehouse");
            call("/quiet/map-" + run, "warehouse");
            call("/quiet/fail-" + run, "warehouse");
            waitForJournal();
        } finally {
            upstream().answerWith(request -> Reply.ok("ok"));
        }
        JsonObject map = new JsonObject(admin("/api/v1/service-map?window=15m").body());
        assertThat(map.getString("window")).isEqualTo("15m");
        assertThat(map.getJsonArray("callers").encode()).contains("\"warehouse\"");
        assertThat(map.getJsonArray("connectors").encode()).contains("\"quiet\"", "\"courier\"");
        JsonObject edge = map.getJsonArray("edges").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("caller").equals("warehouse"))
                .findFirst()
                .orElseThrow();
        assertThat(edge.getString("connector")).isEqualTo("quiet");
        assertThat(edge.getLong("calls")).isEqualTo(3);
        assertThat(edge.getLong("errors")).isEqualTo(1);

        JsonObject stats = new JsonObject(admin("/api/v1/exchanges/stats?connector=quiet&window=10m&step=1m")
                .body());
        assertThat(stats.getString("connector")).isEqualTo("quiet");
        JsonArray buckets = stats.getJsonArray("buckets");
        assertThat(buckets).hasSize(10);
        long calls = buckets.stream()
                .mapToLong(b -> ((JsonObject) b).getLong("calls"))
                .sum();
        long errors = buckets.stream()
                .mapToLong(b -> ((JsonObject) b).getLong("errors"))
                .sum();
        assertThat(calls).isGreaterThanOrEqualTo(3);
        assertThat(errors).isGreaterThanOrEqualTo(1);
        JsonObject last = buckets.getJsonObject(buckets.size() - 1);
        assertThat(last.getDouble("p95Ms")).isNotNull().isGreaterThanOrEqualTo(last.getDouble("p50Ms"));
        assertThat(admin("/api/v1/exchanges/stats?window=1h").statusCode()).isEqualTo(400);
    }

    @Test
    void plantedCardNumbersCredentialsAndTokensNeverReachTheStoreOrTheApi() throws Exception {
        upstream()
                .enqueue(Reply.ok("{\"echo\":\"" + COURIER_KEY + "\",\"card\":\"" + PAN_GROUPED + "\"}")
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Card", PAN));
        String trace = newTrace();
        HttpResponse<String> answer = gateway()
                .send(HttpRequest.newBuilder(gateway()
                                .proxy("/courier/pay?card=" + PAN + "&token=" + QUERY_SECRET + "&note="
                                        + URLEncoder.encode(PAN_GROUPED, StandardCharsets.UTF_8)))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .header("Content-Type", "application/json")
                        .header("X-Debug", VIEW_TOKEN)
                        .header("Authorization", "Bearer " + VIEW_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"card\":{\"number\":\"" + PAN + "\",\"cvv\":\""
                                + CVV + "\"},\"key\":\"" + COURIER_KEY + "\"}"))
                        .build());
        assertThat(answer.statusCode()).isEqualTo(200);
        // The upstream got the real values: masking is for the journal only.
        assertThat(upstream().received().getLast().bodyText()).contains(PAN);

        String id = onlyItem("trace=" + trace).getString("id");
        String detail = admin("/api/v1/exchanges/" + id).body();
        String page = admin("/api/v1/exchanges?trace=" + trace).body();
        String export = String.join("\n", ndjson("trace=" + trace + "&format=ndjson"));
        JsonObject parsed = new JsonObject(detail);
        assertThat(parsed.getJsonObject("request").getJsonObject("body").getString("text"))
                .contains("1111")
                .doesNotContain("\"" + CVV + "\"");
        assertThat(parsed.getString("target")).contains("/courier/pay?card=");
        gateway().gateway().journal().flush(Duration.ofSeconds(5));
        String stored = storeDump();
        assertThat(stored).contains(id);
        // The scan sees the details, not only the rows: the masked Authorization header is in the detail alone.
        assertThat(stored).contains("Bearer ***");
        for (String secret : PLANTED) {
            assertThat(detail).as("detail").doesNotContain(secret);
            assertThat(page).as("page").doesNotContain(secret);
            assertThat(export).as("export").doesNotContain(secret);
            assertThat(stored).as("store").doesNotContain(secret);
        }
        assertThat(stored).as("store").doesNotContain(URLEncoder.encode(PAN_GROUPED, StandardCharsets.UTF_8));
    }

    @Test
    void countsWrittenQueuedAndDroppedInMetricsAndReadiness() {
        call("/quiet/metrics", null);
        waitForJournal();
        JsonObject ready = new JsonObject(gateway()
                        .send(HttpRequest.newBuilder(gateway().admin("/health/ready"))
                                .build())
                        .body())
                .getJsonObject("journal");
        assertThat(ready.getLong("written")).isPositive();
        assertThat(ready.fieldNames()).contains("queued", "written", "droppedBodies", "droppedRecords");
        PrometheusText metrics = PrometheusText.parse(gateway()
                .send(HttpRequest.newBuilder(gateway().admin("/metrics")).build())
                .body());
        assertThat(metrics.value("switchboard_journal_written_total", java.util.Map.of()))
                .isPositive();
        assertThat(metrics.value("switchboard_journal_dropped_total", java.util.Map.of("what", "body")))
                .isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("switchboard_journal_dropped_total", java.util.Map.of("what", "record")))
                .isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("switchboard_journal_queued", java.util.Map.of()))
                .isGreaterThanOrEqualTo(0);
    }

    // ---- helpers

    static String newTrace() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    void call(String path, @org.jspecify.annotations.Nullable String caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway().proxy(path));
        if (caller != null) {
            request.header("Switchboard-Caller", caller);
        }
        gateway().send(request.build());
    }

    void waitForJournal() {
        assertThat(gateway().gateway().journal().flush(Duration.ofSeconds(10))).isTrue();
    }

    HttpResponse<String> admin(String pathAndQuery) {
        return gateway()
                .send(HttpRequest.newBuilder(gateway().admin(pathAndQuery))
                        .header("Authorization", "Bearer " + VIEW_TOKEN)
                        .build());
    }

    JsonObject list(String query) {
        HttpResponse<String> response = admin("/api/v1/exchanges?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    List<String> ids(String query) {
        return list(query).getJsonArray("items").stream()
                .map(item -> ((JsonObject) item).getString("id"))
                .toList();
    }

    JsonObject onlyItem(String query) {
        List<JsonObject> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonArray items = list(query).getJsonArray("items");
            assertThat(items).hasSize(1);
            found.add(items.getJsonObject(0));
        });
        return found.getLast();
    }

    JsonObject detail(String id) {
        HttpResponse<String> response = admin("/api/v1/exchanges/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    List<String> ndjson(String query) {
        HttpResponse<String> response = admin("/api/v1/exchanges?" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        return response.body().lines().filter(line -> !line.isBlank()).toList();
    }

    static @org.jspecify.annotations.Nullable String header(JsonArray headers, String name) {
        for (Object entry : headers) {
            JsonArray pair = (JsonArray) entry;
            if (pair.getString(0).equalsIgnoreCase(name)) {
                return pair.getString(1);
            }
        }
        return null;
    }
}

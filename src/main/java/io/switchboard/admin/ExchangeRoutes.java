package io.switchboard.admin;

import io.switchboard.config.DurationFormat;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.StoreLink;
import io.switchboard.store.ExchangePage;
import io.switchboard.store.ExchangeQuery;
import io.switchboard.store.ExchangeRecord;
import io.switchboard.store.ExchangeStore;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's admin API: {@code /api/v1/exchanges} (filtered pages, NDJSON export), {@code /api/v1/exchanges/{id}},
 * {@code /api/v1/exchanges/stats} and {@code /api/v1/service-map}. Every route reads the store off the event loop.
 */
final class ExchangeRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_EXPORT = 1_000_000;
    static final String NDJSON = "application/x-ndjson";
    private static final int EXPORT_PAGE = ExchangeQuery.MAX_LIMIT;
    private static final int MAX_BUCKETS = 1440;
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])[xX][xX]");
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeRoutes.class);

    private final Vertx vertx;
    private final LiveRuntime runtime;
    private final StoreLink store;
    private final Clock clock;

    ExchangeRoutes(Vertx vertx, LiveRuntime runtime, StoreLink store) {
        this(vertx, runtime, store, Clock.systemUTC());
    }

    ExchangeRoutes(Vertx vertx, LiveRuntime runtime, StoreLink store, Clock clock) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.store = store;
        this.clock = clock;
    }

    /** Adds the routes; every {@code /api/v1} route is behind the admin server's authentication (viewer or more). */
    void mount(Router router) {
        router.get("/api/v1/exchanges/stats").handler(this::stats);
        router.get("/api/v1/exchanges/:id").handler(this::detail);
        router.get("/api/v1/exchanges").handler(this::list);
        router.get("/api/v1/service-map").handler(this::serviceMap);
    }

    private void list(RoutingContext ctx) {
        MultiMap params = ctx.request().params();
        boolean ndjson = "ndjson".equals(params.get("format"))
                || String.valueOf(ctx.request().getHeader(HttpHeaders.ACCEPT)).contains(NDJSON);
        ExchangeQuery query;
        try {
            query = query(params, ndjson ? EXPORT_PAGE : limit(params.get("limit")));
        } catch (IllegalArgumentException e) {
            AdminServer.problem(ctx, Problem.of(ErrorKind.BAD_REQUEST, String.valueOf(e.getMessage())));
            return;
        }
        if (ndjson) {
            export(ctx, query);
            return;
        }
        vertx.executeBlocking(() -> store.read(open -> open.exchanges().list(query)))
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    ExchangePage page = done.result();
                    JsonArray items = new JsonArray();
                    for (ExchangeRecord record : page.records()) {
                        items.add(summary(record));
                    }
                    AdminServer.json(
                            ctx, 200, new JsonObject().put("items", items).put("next", page.next()));
                });
    }

    /** Streams every matching summary as NDJSON, one page at a time, each fetched once the last one is written out. */
    private void export(RoutingContext ctx, ExchangeQuery first) {
        HttpServerResponse response = ctx.response();
        vertx.executeBlocking(() -> store.read(open -> open.exchanges().list(first)))
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, NDJSON);
                    exportPages(response, first, done.result(), 0);
                });
    }

    private void exportPages(HttpServerResponse response, ExchangeQuery query, ExchangePage page, int sent) {
        Buffer lines = Buffer.buffer();
        int count = sent;
        for (ExchangeRecord record : page.records()) {
            if (count == MAX_EXPORT) {
                break;
            }
            lines.appendBuffer(summary(record).toBuffer()).appendByte((byte) '\n');
            count++;
        }
        int total = count;
        String next = page.next();
        if (next == null || total >= MAX_EXPORT || response.closed()) {
            response.end(lines);
            return;
        }
        response.write(lines)
                .compose(written -> vertx.executeBlocking(
                        () -> store.read(open -> open.exchanges().list(query.after(next)))))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        exportPages(response, query, done.result(), total);
                    } else {
                        // The head is out: the only honest way to say "incomplete" now is to break the response.
                        LOG.warn(
                                "journal export stopped after {} records: {}",
                                total,
                                done.cause().getMessage());
                        response.reset();
                    }
                });
    }

    private void detail(RoutingContext ctx) {
        String id = String.valueOf(ctx.pathParam("id"));
        if (!ExchangeQuery.isId(id)) {
            notFound(ctx, id);
            return;
        }
        vertx.executeBlocking(() -> store.read(open -> open.exchanges().find(id)))
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    Optional<ExchangeRecord> found = done.result();
                    if (found.isEmpty()) {
                        notFound(ctx, id);
                        return;
                    }
                    AdminServer.json(ctx, 200, detail(found.get()));
                });
    }

    private void stats(RoutingContext ctx) {
        MultiMap params = ctx.request().params();
        String connector = params.get("connector");
        Duration window;
        Duration step;
        try {
            if (connector == null || connector.isBlank()) {
                throw new IllegalArgumentException("name the connector: ?connector=ID");
            }
            window = duration("window", params.get("window"), Duration.ofHours(1));
            step = duration("step", params.get("step"), Duration.ofMinutes(1));
            if (window.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("window is longer than 24h");
            }
            if (step.toMillis() < 1000 || window.toMillis() / step.toMillis() > MAX_BUCKETS) {
                throw new IllegalArgumentException(
                        "step must be at least 1s and cut the window into at most " + MAX_BUCKETS + " buckets");
            }
        } catch (IllegalArgumentException e) {
            AdminServer.problem(ctx, Problem.of(ErrorKind.BAD_REQUEST, String.valueOf(e.getMessage())));
            return;
        }
        long stepMicros = step.toNanos() / 1000;
        long buckets = Math.max(1, window.toMillis() / step.toMillis());
        long end = (micros(clock.instant()) / stepMicros + 1) * stepMicros;
        long start = end - buckets * stepMicros;
        vertx.executeBlocking(() -> {
                    Bucket[] all = new Bucket[(int) buckets];
                    for (int i = 0; i < all.length; i++) {
                        all[i] = new Bucket();
                    }
                    store.read(open -> {
                        open.exchanges().points(connector, start, (time, status, gatewayError, duration) -> {
                            int index = (int) ((time - start) / stepMicros);
                            if (index >= 0 && index < all.length) {
                                all[index].add(status >= 500 || gatewayError, duration);
                            }
                        });
                        return all;
                    });
                    JsonArray list = new JsonArray();
                    for (int i = 0; i < all.length; i++) {
                        list.add(all[i].toJson(instant(start + i * stepMicros)));
                    }
                    return list;
                })
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    AdminServer.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("connector", connector)
                                    .put("window", DurationFormat.format(window))
                                    .put("step", DurationFormat.format(step))
                                    .put("buckets", done.result()));
                });
    }

    /** The calls of one stats bucket. */
    private static final class Bucket {
        private long calls;
        private long errors;
        private long[] durations = new long[8];

        void add(boolean error, long durationMicros) {
            if (calls == durations.length) {
                durations = Arrays.copyOf(durations, durations.length * 2);
            }
            durations[(int) calls] = durationMicros;
            calls++;
            if (error) {
                errors++;
            }
        }

        JsonObject toJson(Instant start) {
            JsonObject json = new JsonObject()
                    .put("start", start.toString())
                    .put("calls", calls)
                    .put("errors", errors);
            if (calls == 0) {
                return json.putNull("p50Ms").putNull("p95Ms");
            }
            long[] sorted = Arrays.copyOf(durations, (int) calls);
            Arrays.sort(sorted);
            return json.put("p50Ms", percentile(sorted, 0.50)).put("p95Ms", percentile(sorted, 0.95));
        }

        private static double percentile(long[] sorted, double rank) {
            int index = (int) Math.ceil(rank * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }
    }

    private void serviceMap(RoutingContext ctx) {
        Duration window;
        try {
            window = duration("window", ctx.request().getParam("window"), Duration.ofMinutes(15));
            if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("window must be 1m to 24h");
            }
        } catch (IllegalArgumentException e) {
            AdminServer.problem(ctx, Problem.of(ErrorKind.BAD_REQUEST, String.valueOf(e.getMessage())));
            return;
        }
        Instant since = clock.instant().minus(window).truncatedTo(ChronoUnit.SECONDS);
        vertx.executeBlocking(() -> store.read(open -> open.exchanges().edges(micros(since))))
                .onComplete(done -> {
                    if (done.failed()) {
                        unavailable(ctx, done.cause());
                        return;
                    }
                    TreeSet<String> callers = new TreeSet<>();
                    TreeSet<String> connectors = new TreeSet<>();
                    if (runtime.isReady()) {
                        connectors.addAll(runtime.current().connectors().keySet());
                    }
                    JsonArray edges = new JsonArray();
                    for (ExchangeStore.Edge edge : done.result()) {
                        String caller = edge.caller() == null ? ExchangeQuery.ANONYMOUS : edge.caller();
                        callers.add(caller);
                        connectors.add(edge.connector());
                        edges.add(new JsonObject()
                                .put("caller", caller)
                                .put("connector", edge.connector())
                                .put("calls", edge.calls())
                                .put("errors", edge.errors()));
                    }
                    AdminServer.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("window", DurationFormat.format(window))
                                    .put("since", since.toString())
                                    .put("callers", new JsonArray(new ArrayList<>(callers)))
                                    .put("connectors", new JsonArray(new ArrayList<>(connectors)))
                                    .put("edges", edges));
                });
    }

    /** Returns the query for the list's parameters; throws IllegalArgumentException with a message for the caller. */
    ExchangeQuery query(MultiMap params, int limit) {
        Integer status = null;
        Integer statusClass = null;
        String statusText = blankToNull(params.get("status"));
        if (statusText != null) {
            Matcher classMatch = STATUS_CLASS.matcher(statusText);
            if (classMatch.matches()) {
                statusClass = Integer.parseInt(classMatch.group(1));
            } else {
                try {
                    status = Integer.parseInt(statusText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "status \"" + statusText + "\" is neither a status nor a class (expected: 502 or 5xx)", e);
                }
            }
        }
        String since = blankToNull(params.get("since"));
        String until = blankToNull(params.get("until"));
        String cursor = blankToNull(params.get("cursor"));
        return new ExchangeQuery(
                blankToNull(params.get("connector")),
                blankToNull(params.get("caller")),
                status,
                statusClass,
                blankToNull(params.get("error")),
                blankToNull(params.get("trace")),
                since == null ? null : micros(time("since", since)),
                until == null ? null : micros(time("until", until)),
                blankToNull(params.get("q")),
                limit,
                cursor);
    }

    private static int limit(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException("limit \"" + text + "\" is not 1 to " + MAX_LIMIT);
    }

    /** Reads an ISO-8601 instant or a duration back from now ({@code 15m}). */
    private Instant time(String name, String text) {
        try {
            return Instant.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            try {
                return clock.instant().minus(DurationFormat.parse(text.trim()));
            } catch (IllegalArgumentException notDuration) {
                throw new IllegalArgumentException(
                        name + " \"" + text + "\" is not a time (expected: ISO-8601 such as 2026-11-26T14:00:00Z, or"
                                + " a duration back from now such as 15m)",
                        e);
            }
        }
    }

    private static Duration duration(String name, @Nullable String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = DurationFormat.parse(text.trim());
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " \"" + text + "\" is not a duration (expected: such as 30s, 1m, 15m, 1h)", e);
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Returns a record's SUMMARY. */
    static JsonObject summary(ExchangeRecord record) {
        Long upstream = record.upstreamMicros();
        return new JsonObject()
                .put("id", record.id())
                .put("time", instant(record.timeMicros()).toString())
                .put("kind", record.kind())
                .put("traceId", record.traceId())
                .put("requestId", record.requestId())
                .put("caller", record.caller())
                .put("connector", record.connector())
                .put("capability", record.capability())
                .put("endpoint", record.endpoint())
                .put("method", record.method())
                .put("target", record.target())
                .put("status", record.status())
                .put("error", record.error())
                .put("attempts", record.attempts())
                .put("durationMs", record.durationMicros() / 1000.0)
                .put("upstreamMs", upstream == null ? null : upstream / 1000.0)
                .put("bytesIn", record.bytesIn())
                .put("bytesOut", record.bytesOut());
    }

    /** Returns a record's SUMMARY with its attempts, request and response. */
    static JsonObject detail(ExchangeRecord record) {
        JsonObject json = summary(record);
        String text = record.detail();
        JsonObject stored = text == null ? new JsonObject() : new JsonObject(text);
        JsonArray attempts = new JsonArray();
        JsonArray storedAttempts = stored.getJsonArray("attempts", new JsonArray());
        for (int i = 0; i < storedAttempts.size(); i++) {
            JsonObject attempt = storedAttempts.getJsonObject(i);
            attempts.add(new JsonObject()
                    .put("endpoint", attempt.getString("endpoint"))
                    .put("status", attempt.getInteger("status"))
                    .put("error", attempt.getString("error"))
                    .put("startMs", attempt.getLong("startUs", 0L) / 1000.0)
                    .put("durationMs", attempt.getLong("durationUs", 0L) / 1000.0));
        }
        json.put("attempts", attempts);
        JsonObject request = stored.getJsonObject("request");
        json.put(
                "request",
                request == null
                        ? new JsonObject().put("headers", new JsonArray()).putNull("body")
                        : message(request));
        JsonObject response = stored.getJsonObject("response");
        json.put("response", response == null ? null : message(response));
        if (stored.containsKey("note")) {
            json.put("note", stored.getString("note"));
        }
        return json;
    }

    private static JsonObject message(JsonObject stored) {
        JsonObject body = stored.getJsonObject("body");
        return new JsonObject()
                .put("headers", stored.getJsonArray("headers", new JsonArray()))
                .put("body", body == null ? null : body(body));
    }

    private static JsonObject body(JsonObject stored) {
        boolean binary = !"utf-8".equals(stored.getString("encoding"));
        return new JsonObject()
                .put("size", stored.getLong("size", 0L))
                .put("contentType", stored.getString("contentType"))
                .put("truncated", stored.getBoolean("truncated", false))
                .put("binary", binary)
                .put("text", binary ? null : stored.getString("data"));
    }

    private static void notFound(RoutingContext ctx, String id) {
        AdminServer.problem(ctx, Problem.of(ErrorKind.NOT_FOUND, "no exchange has the id '" + printable(id) + "'"));
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^A-Za-z0-9._~-]", "?");
    }

    private static void unavailable(RoutingContext ctx, Throwable cause) {
        AdminServer.problem(
                ctx,
                Problem.of(
                        ErrorKind.STORE_UNAVAILABLE,
                        "the journal cannot be read while the store is unavailable: " + cause.getMessage()));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}

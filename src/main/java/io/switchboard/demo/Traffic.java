package io.switchboard.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A gentle, steady load on the gateway's proxy from a few named callers, so that lamps, charts and the service map have
 * something to show. Each route fires on its own timer on a Vert.x event loop and never waits for an answer; a route
 * with {@link #MAX_IN_FLIGHT} calls still open skips its turn, so a slow provider never piles calls up.
 */
public final class Traffic {
    /** The most calls one route keeps open at once. */
    public static final int MAX_IN_FLIGHT = 4;

    /** The header that names the caller. */
    public static final String CALLER_HEADER = "Switchboard-Caller";

    /** The header that carries a caller's API key instead of its name. */
    public static final String API_KEY_HEADER = "Switchboard-Api-Key";

    /** The header in which the gateway names the connector it used. */
    public static final String CONNECTOR_HEADER = "Switchboard-Connector";

    private static final long CALL_TIMEOUT_MILLIS = 5_000;

    /**
     * One kind of call a caller makes at a steady pace.
     *
     * @param caller the caller's name, sent as {@code Switchboard-Caller}
     * @param method the HTTP method
     * @param path the path and query on the proxy, drawn for each call (so ids and card numbers vary)
     * @param body the JSON body, drawn for each call; empty for none
     * @param every the pause between calls
     */
    public record Route(
            String caller,
            HttpMethod method,
            Function<RandomGenerator, String> path,
            Function<RandomGenerator, String> body,
            Duration every) {
        /** Returns a route without a body to a fixed path. */
        public static Route of(String caller, HttpMethod method, String path, Duration every) {
            return new Route(caller, method, random -> path, random -> "", every);
        }
    }

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final RandomGenerator random;
    private final Map<String, String> keys;
    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private Traffic(Vertx vertx, HttpClientAgent client, RandomGenerator random, Map<String, String> keys) {
        this.vertx = vertx;
        this.client = client;
        this.random = random;
        this.keys = Map.copyOf(keys);
    }

    /** Starts sending {@code routes} to the proxy on {@code 127.0.0.1:proxyPort}; every caller names itself. */
    public static Traffic start(Vertx vertx, int proxyPort, List<Route> routes, RandomGenerator random) {
        return start(vertx, proxyPort, routes, random, Map.of());
    }

    /**
     * Starts sending {@code routes} to the proxy on {@code 127.0.0.1:proxyPort}; a caller with an API key in {@code
     * keys} identifies with {@code Switchboard-Api-Key}, the others name themselves with {@code Switchboard-Caller}.
     */
    public static Traffic start(
            Vertx vertx, int proxyPort, List<Route> routes, RandomGenerator random, Map<String, String> keys) {
        HttpClientAgent client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost("127.0.0.1")
                        .setDefaultPort(proxyPort)
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(routes.size() * MAX_IN_FLIGHT));
        Traffic traffic = new Traffic(vertx, client, random, keys);
        for (Route route : routes) {
            AtomicInteger inFlight = new AtomicInteger();
            // A random first delay within one period spreads the routes out, so they do not all fire together.
            long first = 1 + random.nextLong(Math.max(1, route.every().toMillis()));
            traffic.timers.add(vertx.setPeriodic(
                    first, Math.max(1, route.every().toMillis()), id -> traffic.fire(route, inFlight)));
        }
        return traffic;
    }

    private void fire(Route route, AtomicInteger inFlight) {
        if (!running || inFlight.get() >= MAX_IN_FLIGHT) {
            return;
        }
        inFlight.incrementAndGet();
        String body = route.body().apply(random);
        RequestOptions options = new RequestOptions()
                .setMethod(route.method())
                .setURI(route.path().apply(random))
                .setTimeout(CALL_TIMEOUT_MILLIS);
        String key = keys.get(route.caller());
        if (key == null) {
            options.putHeader(CALLER_HEADER, route.caller());
        } else {
            options.putHeader(API_KEY_HEADER, key);
        }
        if (!body.isEmpty()) {
            options.putHeader("Content-Type", "application/json");
        }
        client.request(options)
                .compose(request -> body.isEmpty() ? request.send() : request.send(body))
                .compose(response -> response.body().map(ignored -> response))
                .onComplete(done -> {
                    inFlight.decrementAndGet();
                    if (done.succeeded()) {
                        count(label(done.result()));
                    } else if (running) {
                        // A call cut short by stop() is no failure of the gateway's.
                        count("no answer");
                    }
                });
    }

    private static String label(HttpClientResponse response) {
        String connector = response.getHeader(CONNECTOR_HEADER);
        return (connector == null ? "" : connector + " ") + response.statusCode();
    }

    private void count(String label) {
        answers.computeIfAbsent(label, key -> new LongAdder()).increment();
    }

    /**
     * Returns how many answers came back, by {@code "<connector> <status>"} (just the status when the gateway named no
     * connector, {@code "no answer"} for calls that got none), sorted by label.
     */
    public Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((label, count) -> counts.put(label, count.sum()));
        return counts;
    }

    /** Returns how many answers came back in all. */
    public long total() {
        return answers.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Stops sending; calls in flight end on their own or by their timeout. */
    public Future<Void> stop() {
        running = false;
        timers.forEach(vertx::cancelTimer);
        return client.close();
    }

    @Override
    public String toString() {
        return "Traffic" + answers();
    }
}

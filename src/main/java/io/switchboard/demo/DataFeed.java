package io.switchboard.demo;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A flaky exchange-rate feed ({@code GET /rates}) that goes round a cycle: calm most of the time (fast answers, now and
 * then a latency spike of up to 1.5 s), then a burst in which most calls fail with 500 or 503 and the rest are slow,
 * then calm again. The burst takes the middle quarter of each cycle, counted from the feed's start.
 */
public final class DataFeed implements Handler<HttpServerRequest> {
    /** The part of the cycle a call lands in. */
    public enum Phase {
        /** Fast answers with rare latency spikes. */
        CALM,
        /** Most calls fail with 5xx; the rest are slow. */
        BURST
    }

    private static final double BURST_STARTS = 0.55;
    private static final double BURST_ENDS = 0.80;

    private final Vertx vertx;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration cycle;
    private final Instant start;

    /** Creates a feed whose cycle of calm and burst lasts {@code cycle}, starting calm now (by {@code clock}). */
    public DataFeed(Vertx vertx, Clock clock, RandomGenerator random, Duration cycle) {
        if (cycle.toMillis() < 1) {
            throw new IllegalArgumentException("cycle must be at least 1 ms: " + cycle);
        }
        this.vertx = vertx;
        this.clock = clock;
        this.random = random;
        this.cycle = cycle;
        this.start = clock.instant();
    }

    /** Returns the phase the feed is in now. */
    public Phase phase() {
        long into = Math.floorMod(Duration.between(start, clock.instant()).toMillis(), cycle.toMillis());
        double share = (double) into / cycle.toMillis();
        return share >= BURST_STARTS && share < BURST_ENDS ? Phase.BURST : Phase.CALM;
    }

    /** Returns how long after the start of each cycle the burst begins. */
    public Duration burstOffset() {
        return Duration.ofMillis((long) (cycle.toMillis() * BURST_STARTS));
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = Objects.requireNonNullElse(request.path(), "/");
        if (!HttpMethod.GET.equals(request.method()) || !path.equals("/rates")) {
            CourierService.json(request, 404, new JsonObject().put("error", "no such resource: " + path));
            return;
        }
        int draw = random.nextInt(100);
        if (phase() == Phase.BURST) {
            if (draw < 75) {
                int status = draw % 2 == 0 ? 503 : 500;
                later(
                        request,
                        5 + random.nextInt(20),
                        status,
                        new JsonObject().put("error", "feed backend overloaded"));
            } else {
                later(request, 200 + random.nextInt(600), 200, rates());
            }
        } else {
            long delay = draw < 3 ? 400 + random.nextInt(1100) : 10 + random.nextInt(50);
            later(request, delay, 200, rates());
        }
    }

    private JsonObject rates() {
        return new JsonObject()
                .put("base", "RUB")
                .put("time", clock.instant().toString())
                .put(
                        "rates",
                        new JsonObject()
                                .put("USD", wobble(0.0108))
                                .put("EUR", wobble(0.0102))
                                .put("CNY", wobble(0.0781)));
    }

    private double wobble(double rate) {
        return Math.round(rate * (0.99 + random.nextDouble() * 0.02) * 1_000_000) / 1_000_000.0;
    }

    private void later(HttpServerRequest request, long delayMillis, int status, JsonObject body) {
        request.body()
                .onSuccess(ignored -> vertx.setTimer(delayMillis, id -> {
                    if (!request.response().closed()) {
                        CourierService.json(request, status, body);
                    }
                }));
    }
}

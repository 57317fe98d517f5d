package io.switchboard.testing;

import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.TraceContext;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** Builds an {@link Exchange} the way the server would, with defaults a test can override. */
public final class ExchangeBuilder {
    private final HttpMethod method;
    private final String path;
    private String connector = "courier";
    private @Nullable String query;
    private final MultiMap headers = HttpHeaders.headers();
    private RequestBody body = new RequestBody.Empty();
    private long startNanos = System.nanoTime();
    private Duration timeLeft = Duration.ofSeconds(30);

    private ExchangeBuilder(HttpMethod method, String path) {
        this.method = method;
        this.path = path;
    }

    /** Starts an exchange for connector {@code courier} with no query, no headers and no body. */
    public static ExchangeBuilder of(HttpMethod method, String path) {
        return new ExchangeBuilder(method, path);
    }

    public ExchangeBuilder connector(String id) {
        this.connector = id;
        return this;
    }

    public ExchangeBuilder query(@Nullable String rawQuery) {
        this.query = rawQuery;
        return this;
    }

    public ExchangeBuilder header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public ExchangeBuilder body(RequestBody requestBody) {
        this.body = requestBody;
        return this;
    }

    /** Sets when the request arrived, in the time base of the code under test ({@code System.nanoTime} by default). */
    public ExchangeBuilder startedAt(long nanos) {
        this.startNanos = nanos;
        return this;
    }

    /** Sets the time the whole call may take from its start; 30 seconds by default. */
    public ExchangeBuilder timeLeft(Duration left) {
        this.timeLeft = left;
        return this;
    }

    public Exchange build() {
        return new Exchange(
                connector,
                method,
                path,
                query,
                headers,
                "req-1",
                TraceContext.continueOrStart(null, new SplittableRandom(7)),
                "tests",
                "127.0.0.1",
                body,
                startNanos,
                startNanos + timeLeft.toNanos());
    }
}

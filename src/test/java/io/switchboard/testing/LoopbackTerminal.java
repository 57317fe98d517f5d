package io.switchboard.testing;

import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A small stand-in for the real terminal stage: sends the exchange with a real Vert.x {@link HttpClient} to one of its
 * base URLs (the first attempt to the first, the second to the second, and so on round the list), records the attempt
 * and returns the paused upstream response, or a rejection carrying the {@link UpstreamFailure} as the real terminal
 * does. Streamed bodies are taken only once a connection is there, so a connect failure leaves them untouched.
 */
public final class LoopbackTerminal implements Chain {
    private final HttpClient client;
    private final List<String> baseUrls;
    private final @Nullable Duration responseTimeout;
    private final AtomicInteger calls = new AtomicInteger();

    LoopbackTerminal(HttpClient client, List<String> baseUrls, @Nullable Duration responseTimeout) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("a terminal needs at least one base URL");
        }
        this.client = client;
        this.baseUrls = List.copyOf(baseUrls);
        this.responseTimeout = responseTimeout;
    }

    /** Returns a terminal like this one that gives up on a response head after {@code timeout}. */
    public LoopbackTerminal withResponseTimeout(Duration timeout) {
        return new LoopbackTerminal(client, baseUrls, timeout);
    }

    /** Returns how many times this terminal was called. */
    public int calls() {
        return calls.get();
    }

    @Override
    public Future<Outcome> proceed(Exchange exchange) {
        calls.incrementAndGet();
        String base = baseUrls.get(exchange.attempts().size() % baseUrls.size());
        URI target = URI.create(base);
        String query = exchange.query();
        long start = System.nanoTime();
        String uri = exchange.path() + (query == null ? "" : "?" + query);
        // The overload without RequestOptions: Vert.x's option classes carry an annotation from vertx-codegen-json,
        // which is not on the classpath, and javac's warning about it fails the build.
        return client.request(exchange.method(), target.getPort(), target.getHost(), uri)
                .compose(request -> {
                    request.headers().setAll(exchange.headers());
                    if (responseTimeout != null) {
                        request.idleTimeout(responseTimeout.toMillis());
                    }
                    return send(request, exchange.body());
                })
                .transform(result -> {
                    long duration = System.nanoTime() - start;
                    if (result.succeeded()) {
                        HttpClientResponse response = result.result();
                        response.pause();
                        exchange.recordAttempt(
                                new Exchange.Attempt(base, response.statusCode(), null, start, duration));
                        return Future.succeededFuture(new Outcome.Upstream(response, base));
                    }
                    UpstreamFailure failure = classify(result.cause());
                    exchange.recordAttempt(new Exchange.Attempt(base, 0, failure, start, duration));
                    ErrorKind kind = failure == UpstreamFailure.RESPONSE_TIMEOUT
                            ? ErrorKind.TIMEOUT
                            : ErrorKind.UPSTREAM_UNREACHABLE;
                    Problem problem = Problem.ofFailure(
                            kind, "connector '" + exchange.connector() + "' upstream " + base + " failed", failure);
                    return Future.succeededFuture(new Outcome.Rejection(problem, "upstream"));
                });
    }

    private static Future<HttpClientResponse> send(HttpClientRequest request, RequestBody body) {
        return switch (body) {
            case RequestBody.Empty empty -> request.send();
            case RequestBody.Buffered buffered -> request.send(buffered.content());
            case RequestBody.Streamed streamed -> {
                if (streamed.length() >= 0) {
                    request.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(streamed.length()));
                }
                yield request.send(streamed.take());
            }
        };
    }

    private static UpstreamFailure classify(Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return UpstreamFailure.CONNECT_TIMEOUT;
        }
        if (cause instanceof ConnectException) {
            return UpstreamFailure.CONNECT_FAILURE;
        }
        if (cause instanceof TimeoutException) {
            return UpstreamFailure.RESPONSE_TIMEOUT;
        }
        return UpstreamFailure.RESET;
    }
}

package io.switchboard.upstream;

import io.switchboard.config.UpstreamConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.LoopTimer;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.UpstreamFailure;
import io.switchboard.upstream.UpstreamClient.Lease;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The terminal stage of every pipeline: one attempt to send the exchange to an endpoint of the connector's upstream.
 *
 * <p>It picks an endpoint, connects (bounded by {@code connect-timeout}), sends the request with its body streaming,
 * and waits for the response head (bounded by {@code response-timeout}, counted from when the request was fully sent,
 * so a slow upload is not mistaken for a slow provider). Every attempt is recorded on the exchange and fed to outlier
 * detection. A failure becomes a {@link Outcome.Rejection} whose problem carries the {@link UpstreamFailure}, so retry
 * and the circuit breaker can tell a request that never left from one the provider may have seen.
 */
public final class UpstreamCall implements Chain {
    /** How long after the call's deadline an attempt gives up by itself, if nothing answered at the deadline. */
    private static final long DEADLINE_BACKUP_MILLIS = 100;

    private final String connector;
    private final Vertx vertx;
    private final UpstreamClient client;
    private final EndpointGroup endpoints;
    private final long connectTimeoutMillis;
    private final long responseTimeoutMillis;
    private final LongSupplier nanoTime;

    private UpstreamCall(
            String connector,
            Vertx vertx,
            UpstreamClient client,
            EndpointGroup endpoints,
            UpstreamConfig config,
            LongSupplier nanoTime) {
        this.connector = connector;
        this.vertx = vertx;
        this.client = client;
        this.endpoints = endpoints;
        this.connectTimeoutMillis = Math.max(1, config.connectTimeout().toMillis());
        this.responseTimeoutMillis = Math.max(1, config.responseTimeout().toMillis());
        this.nanoTime = nanoTime;
    }

    /** Returns the terminal stage for one connector. */
    public static UpstreamCall of(
            String connector,
            Vertx vertx,
            UpstreamClient client,
            EndpointGroup endpoints,
            UpstreamConfig config,
            LongSupplier nanoTime) {
        return new UpstreamCall(connector, vertx, client, endpoints, config, nanoTime);
    }

    /** Returns the endpoints this stage sends to. */
    public EndpointGroup endpoints() {
        return endpoints;
    }

    @Override
    public Future<Outcome> proceed(Exchange exchange) {
        long start = nanoTime.getAsLong();
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(exchange.deadlineNanos() - start);
        if (remainingMillis <= 0) {
            return Future.succeededFuture(new Outcome.Rejection(
                    Problem.ofFailure(
                            ErrorKind.TIMEOUT,
                            "connector '" + connector + "' ran out of its call timeout before another attempt",
                            UpstreamFailure.RESPONSE_TIMEOUT),
                    "upstream"));
        }
        Endpoint endpoint = endpoints.pick();
        String query = exchange.query();
        // "/c" goes to the base path as written, "/c/x" to the base path plus "/x": a caller's path gains no slash.
        String uri = (exchange.path().isEmpty() ? endpoint.rootPath() : endpoint.basePath() + exchange.path())
                + (query == null ? "" : "?" + query);
        RequestOptions options = new RequestOptions()
                .setMethod(exchange.method())
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setSsl(endpoint.isTls())
                .setURI(uri)
                .setHeaders(exchange.headers());
        // Near the end of the call the caller's deadline timer (the proxy's call timeout, a probe's timeout) answers,
        // with the problem that names it; this attempt's own timer, racing it to the same millisecond, would answer
        // "no response" instead, one time in two. So it only backs the deadline up.
        long attemptTimeoutMillis = remainingMillis < responseTimeoutMillis
                ? remainingMillis + DEADLINE_BACKUP_MILLIS
                : responseTimeoutMillis;
        Attempt attempt = new Attempt(exchange, endpoint, start, attemptTimeoutMillis);
        endpoint.callStarted();
        client.request(endpoint, options, Math.min(connectTimeoutMillis, remainingMillis))
                .onComplete(leased -> {
                    if (leased.succeeded()) {
                        attempt.send(leased.result());
                    } else {
                        attempt.fail(connectFailure(leased.cause()), leased.cause());
                    }
                });
        return attempt.result.future();
    }

    private static UpstreamFailure connectFailure(Throwable cause) {
        return cause instanceof TimeoutException
                        || cause instanceof io.netty.channel.ConnectTimeoutException
                        || cause instanceof io.vertx.core.impl.NoStackTraceTimeoutException
                ? UpstreamFailure.CONNECT_TIMEOUT
                : UpstreamFailure.CONNECT_FAILURE;
    }

    /** The state of one attempt, living on the exchange's event loop. */
    private final class Attempt {
        private final Exchange exchange;
        private final Endpoint endpoint;
        private final long startNanos;
        private final long responseTimeoutMillis;
        private final Promise<Outcome> result = Promise.promise();
        private @Nullable LoopTimer timer;
        private boolean timedOut;
        private boolean ended;
        private boolean callerBodyBroke;
        private @Nullable Lease lease;
        private boolean requestSent;
        private @Nullable HttpClientResponse endedResponse;

        Attempt(Exchange exchange, Endpoint endpoint, long startNanos, long responseTimeoutMillis) {
            this.exchange = exchange;
            this.endpoint = endpoint;
            this.startNanos = startNanos;
            this.responseTimeoutMillis = responseTimeoutMillis;
        }

        void send(Lease lease) {
            this.lease = lease;
            HttpClientRequest request = lease.request();
            // A broken request also fails its response, which is where the failure is handled and reported with the
            // connector and trace; without a handler Vert.x would log it a second time, bare, at ERROR.
            request.exceptionHandler(ignored -> {});
            request.response().onComplete(response -> {
                cancelTimer();
                if (response.succeeded()) {
                    respond(response.result());
                } else {
                    fail(timedOut ? UpstreamFailure.RESPONSE_TIMEOUT : UpstreamFailure.RESET, response.cause());
                }
            });
            writeBody(request).onComplete(written -> {
                if (written.succeeded()) {
                    requestSent = true;
                    armTimer(request);
                    releaseWhenOver();
                } else {
                    if (!result.future().isComplete()) {
                        // The caller's body broke off (client gone or body too large): the upstream must not act on
                        // half a request.
                        callerBodyBroke = true;
                        request.reset(0, written.cause());
                    }
                    lease.discard();
                }
            });
        }

        private Future<Void> writeBody(HttpClientRequest request) {
            RequestBody body = exchange.body();
            if (body instanceof RequestBody.Buffered buffered) {
                return request.end(buffered.content());
            }
            if (body instanceof RequestBody.Streamed streamed) {
                if (streamed.length() >= 0) {
                    request.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(streamed.length()));
                } else {
                    request.setChunked(true);
                }
                ReadStream<Buffer> source = streamed.take();
                // Never end the upstream request when the caller's body fails: ending a chunked request would send
                // the terminating chunk, and the upstream would take the part it got for the whole body.
                return source.pipe().endOnFailure(false).to(request);
            }
            return request.end();
        }

        private void armTimer(HttpClientRequest request) {
            if (result.future().isComplete()) {
                return;
            }
            timer = LoopTimer.schedule(vertx, responseTimeoutMillis, () -> {
                timer = null;
                timedOut = true;
                request.reset(0, new TimeoutException("no response head within " + responseTimeoutMillis + " ms"));
            });
        }

        private void cancelTimer() {
            LoopTimer armed = timer;
            if (armed != null) {
                armed.cancel();
                timer = null;
            }
        }

        private void respond(HttpClientResponse response) {
            // Paused until the server pipes it on, so no byte is lost while the outcome travels back up the pipeline.
            response.pause();
            int status = response.statusCode();
            if (status >= 500) {
                endpoints.recordFailure(endpoint);
            } else {
                endpoints.recordSuccess(endpoint);
            }
            response.end().onComplete(done -> {
                finish();
                if (done.succeeded()) {
                    endedResponse = response;
                    releaseWhenOver();
                } else {
                    discardConnection();
                }
            });
            exchange.recordAttempt(new Exchange.Attempt(
                    endpoint.baseUrl(), status, null, startNanos, nanoTime.getAsLong() - startNanos));
            result.tryComplete(new Outcome.Upstream(response, endpoint.baseUrl()));
        }

        /** Gives the connection back once the request went out whole and the response came in whole. */
        private void releaseWhenOver() {
            Lease held = lease;
            HttpClientResponse response = endedResponse;
            if (held != null && requestSent && response != null) {
                held.release(response);
            }
        }

        private void discardConnection() {
            Lease held = lease;
            if (held != null) {
                held.discard();
            }
        }

        void fail(UpstreamFailure failure, Throwable cause) {
            finish();
            discardConnection();
            long took = nanoTime.getAsLong() - startNanos;
            exchange.recordAttempt(new Exchange.Attempt(endpoint.baseUrl(), 0, failure, startNanos, took));
            if (callerBodyBroke) {
                // The gateway reset this attempt because the caller's body broke off; the endpoint did nothing wrong,
                // so outlier detection, retry and the breaker must not count it as the upstream's failure.
                result.tryComplete(new Outcome.Rejection(
                        Problem.of(
                                ErrorKind.BAD_REQUEST,
                                "the caller's request body to connector '" + connector
                                        + "' broke off before it was sent whole (" + describe(cause) + ")"),
                        "upstream"));
                return;
            }
            if (!(cause instanceof UpstreamClient.ConnectionsBusy)) {
                // Every pooled connection busy says the gateway's share is used up, not that the endpoint failed.
                endpoints.recordFailure(endpoint);
            }
            result.tryComplete(new Outcome.Rejection(problemFor(failure, cause), "upstream"));
        }

        private void finish() {
            if (!ended) {
                ended = true;
                endpoint.callEnded();
            }
        }

        private Problem problemFor(UpstreamFailure failure, Throwable cause) {
            String where = "connector '" + connector + "' endpoint " + endpoint.baseUrl();
            return switch (failure) {
                case CONNECT_TIMEOUT ->
                    Problem.ofFailure(
                            ErrorKind.UPSTREAM_UNREACHABLE,
                            cause instanceof UpstreamClient.ConnectionsBusy busy
                                    ? where + " had no free connection: " + busy.getMessage()
                                    : where + " did not accept a connection within " + connectTimeoutMillis + " ms",
                            failure);
                case CONNECT_FAILURE ->
                    Problem.ofFailure(
                            ErrorKind.UPSTREAM_UNREACHABLE,
                            where + " could not be reached (" + describe(cause) + ")",
                            failure);
                case RESPONSE_TIMEOUT ->
                    Problem.ofFailure(
                            ErrorKind.TIMEOUT,
                            where + " sent no response within " + responseTimeoutMillis + " ms",
                            failure);
                case RESET ->
                    Problem.ofFailure(
                            ErrorKind.UPSTREAM_UNREACHABLE,
                            where + " closed the connection before answering (" + describe(cause) + ")",
                            failure);
            };
        }
    }

    /**
     * Returns the failure and its causes in one line: Vert.x wraps the reason that matters (an untrusted certificate, a
     * host name mismatch) in a generic "Failed to create SSL connection", and an operator needs the reason.
     */
    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        @Nullable Throwable current = cause;
        for (int depth = 0; current != null && depth < 6; depth++) {
            String message = current.getMessage();
            String type = current.getClass().getSimpleName();
            String part = message == null || message.isBlank() ? type : type + ": " + message;
            // A wrapper's message often repeats its cause's; say each thing once.
            if (text.indexOf(part) < 0 && (message == null || text.indexOf(message) < 0)) {
                text.append(text.isEmpty() ? "" : "; caused by ").append(part);
            }
            current = current.getCause();
        }
        return text.length() > 400 ? text.substring(0, 400) + "..." : text.toString();
    }
}

package io.switchboard.server;

import io.switchboard.config.ServerLimits;
import io.switchboard.journal.Capture;
import io.switchboard.journal.Journal;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.LoopTimer;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.ProblemResponse;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.TraceContext;
import io.switchboard.runtime.CapabilityRouter;
import io.switchboard.runtime.ConnectorRuntime;
import io.switchboard.runtime.LiveRuntime;
import io.switchboard.runtime.RuntimeSnapshot;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.ReadStream;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one caller request on the proxy listener: guard, route to the connector, run its pipeline, relay the outcome,
 * and keep the call within its timeouts.
 */
final class ProxyHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);
    static final String ATTEMPTS_HEADER = "Switchboard-Attempts";
    static final String CONNECTOR_HEADER = "Switchboard-Connector";
    private static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String TRACEPARENT_HEADER = "traceparent";
    private static final HexFormat HEX = HexFormat.of();

    /** How long after a refusal's answer its HTTP/2 stream is reset, if the caller is still sending. */
    private static final long H2_RESET_DELAY_MILLIS = 50;

    private final Vertx vertx;
    private final LiveRuntime runtime;
    private final ServerLimits limits;
    private final RequestGuard guard;
    private final RandomGenerator random;
    private final String scheme;
    private final @Nullable CapabilityRouter router;
    private final CallerIdentity callers = new CallerIdentity();
    private final @Nullable Journal journal;
    /** HTTP/1 connections whose current request is their last; see {@link #admitOnConnection}. */
    private final Set<HttpConnection> closing = ConcurrentHashMap.newKeySet();

    ProxyHandler(
            Vertx vertx,
            LiveRuntime runtime,
            ServerLimits limits,
            RandomGenerator random,
            String scheme,
            @Nullable CapabilityRouter router,
            @Nullable Journal journal) {
        this.journal = journal;
        this.vertx = vertx;
        this.router = router;
        this.runtime = runtime;
        this.limits = limits;
        this.guard = new RequestGuard(limits);
        this.random = random;
        this.scheme = scheme;
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        // Nothing is read from the caller until an upstream is ready to take it: back-pressure from the first byte.
        request.pause();
        if (request.version() != HttpVersion.HTTP_2 && !admitOnConnection(request)) {
            return;
        }
        RequestGuard.Refusal refusal = guard.check(request);
        if (refusal != null) {
            refuse(request, refusal.problem(), null, refusal.closeConnection());
            return;
        }
        ProxyPath target = ProxyPath.parse(request.uri());
        if (target == null) {
            refuse(
                    request,
                    Problem.of(
                            ErrorKind.BAD_REQUEST,
                            "the path must be /{connector}/{path} with no dot-segments, encoded slashes or control"
                                    + " characters"),
                    null,
                    false);
            return;
        }
        RuntimeSnapshot snapshot = runtime.current();
        CallerIdentity.Identity identity = callers.identify(request, snapshot.config());
        Problem unidentified = identity.refusal();
        if (unidentified != null) {
            refuse(request, unidentified, null, false);
            return;
        }
        String caller = identity.caller();
        if (target.isCapability()) {
            routeToCapability(request, snapshot, target, caller, start);
            return;
        }
        ConnectorRuntime connector = snapshot.connector(target.connector());
        if (connector == null) {
            refuse(
                    request,
                    Problem.of(ErrorKind.UNKNOWN_CONNECTOR, "no connector is named '" + target.connector() + "'"),
                    null,
                    false);
            return;
        }
        new Call(request, connector, target, caller, start, null).run();
    }

    /** Routes a call to {@code /~{capability}/...}: to the provider the router picks, or 503 {@code no-provider}. */
    private void routeToCapability(
            HttpServerRequest request,
            RuntimeSnapshot snapshot,
            ProxyPath target,
            @Nullable String caller,
            long start) {
        CapabilityRouter.Plan plan = router == null ? null : router.plan(snapshot, target.capability());
        if (plan == null) {
            refuse(
                    request,
                    Problem.of(ErrorKind.UNKNOWN_CAPABILITY, "no capability is named '" + target.capability() + "'"),
                    null,
                    false);
            return;
        }
        if (plan.isEmpty()) {
            refuse(request, CapabilityRouter.noProvider(plan.status(), java.util.Map.of()), null, false);
            return;
        }
        new Call(request, plan.order().get(0), target, caller, start, plan).run();
    }

    /**
     * Returns whether an HTTP/1 request may be handled on its connection, and marks the connection as closing after a
     * chunked request.
     *
     * <p>Netty drops a {@code Content-Length} that comes with {@code Transfer-Encoding: chunked} before the gateway sees
     * the request (RFC 9112 section 6.3 lets a server go by the chunked framing), so the guard cannot refuse that
     * combination. A front proxy that went by the length would have sent the rest of the body as the start of the next
     * request: a smuggled request. The RFC's remedy is to close the connection after answering, so every chunked
     * HTTP/1 request is the last one its connection carries, and whatever the caller pipelined behind it is never
     * forwarded.
     */
    private boolean admitOnConnection(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (closing.contains(connection)) {
            connection.close();
            return false;
        }
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING) && closing.add(connection)) {
            connection.closeHandler(closed -> closing.remove(connection));
        }
        return true;
    }

    /** Returns whether nothing may follow this request on its connection. */
    private boolean isLastOnConnection(HttpServerRequest request) {
        return request.version() != HttpVersion.HTTP_2 && closing.contains(request.connection());
    }

    /**
     * Answers a request the gateway will not route with a problem that carries the call's trace and request id like any
     * other answer, so a refusal can be found in the caller's traces too.
     */
    void refuse(HttpServerRequest request, Problem problem, @Nullable String connector, boolean mustClose) {
        HttpServerResponse response = request.response();
        boolean close = mustClose || isLastOnConnection(request);
        TraceContext trace = TraceContext.continueOrStart(request.getHeader(TRACEPARENT_HEADER), random);
        response.putHeader(REQUEST_ID_HEADER, requestIdOf(request));
        response.putHeader(TRACEPARENT_HEADER, trace.traceparent());
        if (close && request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ProblemResponse.send(response, problem, connector, trace.traceId()).onComplete(done -> {
            if (close) {
                cutOff(request);
            } else {
                // Whatever body the refused request carried is read and dropped, so the connection stays usable.
                request.resume();
            }
        });
    }

    /**
     * Stops what is left of a request whose framing, size or pace the gateway refused. HTTP/1 closes the connection,
     * because nothing after this request on it can be trusted; HTTP/2 resets this stream only (NO_ERROR once the answer
     * is complete, RFC 9113 section 8.1), so the other calls sharing the connection go on.
     */
    private void cutOff(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            // The answer's last frames can still sit in HTTP/2 flow control when its write is reported done, and a
            // reset drops a stream's queued frames: the caller would get the head, no end, and wait forever (seen
            // under load). A moment later they are on the wire, and the reset only stops the rest of the upload.
            vertx.setTimer(H2_RESET_DELAY_MILLIS, id -> {
                if (!request.isEnded()) {
                    request.response().reset(0);
                }
            });
        } else {
            request.connection().close();
        }
    }

    private String requestIdOf(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID_HEADER);
        if (given != null && isToken(given, 128)) {
            return given;
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        return HEX.formatHex(raw);
    }

    static boolean isToken(String value, int maxLength) {
        int length = value.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * One proxied call, from routing to the last byte of the response. A call to a capability may move from one
     * provider to the next (see {@link CapabilityRouter}); {@code connector} and {@code exchange} are then the current
     * provider's.
     */
    private final class Call implements CapabilityRouter.Mover {
        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private ConnectorRuntime connector;
        private final ProxyPath target;
        private final @Nullable String caller;
        private final long start;
        private final CapabilityRouter.@Nullable Plan plan;
        private final TraceContext trace;
        private final String requestId;
        private final String client;
        private Exchange exchange;
        /** What the journal keeps of this call; null when the journal is off. */
        private final @Nullable Capture capture;

        private @Nullable LoopTimer callTimer;
        private @Nullable LoopTimer readTimer;
        private boolean answered;
        private boolean finished;
        private int sentStatus;
        private String outcomeLabel = "ok";

        Call(
                HttpServerRequest request,
                ConnectorRuntime connector,
                ProxyPath target,
                @Nullable String caller,
                long start,
                CapabilityRouter.@Nullable Plan plan) {
            this.request = request;
            this.response = request.response();
            this.connector = connector;
            this.target = target;
            this.caller = caller;
            this.start = start;
            this.plan = plan;
            this.trace = TraceContext.continueOrStart(request.getHeader(TRACEPARENT_HEADER), random);
            this.requestId = requestIdOf(request);
            this.client = clientAddress(request);
            Journal exchanges = journal;
            this.capture =
                    exchanges == null ? null : exchanges.begin(runtime.current().config(), request.uri());
            if (capture != null && plan != null) {
                capture.capability(target.capability());
            }
            this.exchange = newExchange(connector, bodyOf(request));
        }

        /** Returns a fresh exchange of this call for a connector: headers cleaned anew, the query as the caller sent it. */
        private Exchange newExchange(ConnectorRuntime connector, RequestBody body) {
            MultiMap headers = HeaderHygiene.forUpstream(
                    request.headers(),
                    client,
                    scheme,
                    request.authority() == null ? null : request.authority().toString(),
                    trace.traceparent(),
                    requestId);
            long deadline = start + connector.config().upstream().callTimeout().toNanos();
            return new Exchange(
                    connector.id(),
                    request.method(),
                    target.rest(),
                    target.query(),
                    headers,
                    requestId,
                    trace,
                    caller,
                    client,
                    body,
                    start,
                    deadline);
        }

        @Override
        public Exchange moveTo(ConnectorRuntime next, Outcome failed, RequestBody body) {
            // The provider left behind counts the call as it ended there, so its lamp and metrics see the failure.
            String label = failed instanceof Outcome.Rejection rejection
                    ? rejection.problem().kind().code()
                    : failed.status() >= 500 ? "upstream-error" : "ok";
            connector
                    .meters()
                    .finished(
                            caller == null ? "anonymous" : caller,
                            label,
                            failed.status(),
                            System.nanoTime() - start,
                            lastAttemptNanos(),
                            exchange.attempts().size());
            Exchange previous = exchange;
            previous.end();
            connector = next;
            exchange = newExchange(next, body);
            previous.attempts().forEach(exchange::recordAttempt);
            next.meters().started();
            response.putHeader(CONNECTOR_HEADER, next.id());
            return exchange;
        }

        @Override
        public boolean abandoned() {
            return answered;
        }

        void run() {
            connector.meters().started();
            response.putHeader(REQUEST_ID_HEADER, exchange.requestId());
            response.putHeader(TRACEPARENT_HEADER, exchange.trace().traceparent());
            response.putHeader(CONNECTOR_HEADER, connector.id());
            if (isLastOnConnection(request)) {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            response.closeHandler(closed -> onCallerGone());
            armTimers();
            CapabilityRouter.Plan capability = plan;
            Future<Outcome> outcome = capability == null || router == null
                    ? connector.pipeline().handle(exchange)
                    : router.route(capability, exchange, this);
            outcome.onComplete(this::relay);
        }

        private RequestBody bodyOf(HttpServerRequest request) {
            if (request.isEnded()) {
                return new RequestBody.Empty();
            }
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                long bytes = RequestGuard.parseLength(length);
                return bytes == 0 ? new RequestBody.Empty() : new RequestBody.Streamed(tap(request), bytes);
            }
            boolean chunked = request.version() == HttpVersion.HTTP_2
                    || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
            if (!chunked) {
                return new RequestBody.Empty();
            }
            ReadStream<Buffer> limited =
                    new BodyLimit(request, limits.maxBodySize().bytes(), () -> answerEarly(tooLarge(), true));
            return new RequestBody.Streamed(tap(limited), -1);
        }

        /** Returns the request body as it goes upstream, teed into the journal when it is on. */
        private ReadStream<Buffer> tap(ReadStream<Buffer> body) {
            Capture journaled = capture;
            return journaled == null ? body : journaled.request(body, request.getHeader(HttpHeaders.CONTENT_TYPE));
        }

        private Problem tooLarge() {
            return Problem.of(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    "the request body is larger than the limit of "
                            + limits.maxBodySize().bytes() + " bytes");
        }

        private void armTimers() {
            // A capability's call may move between providers: it gets the longest call timeout among them.
            CapabilityRouter.Plan capability = plan;
            long callMillis = Math.max(
                    1,
                    capability == null
                            ? connector.config().upstream().callTimeout().toMillis()
                            : capability.callTimeoutMillis());
            callTimer = LoopTimer.schedule(vertx, callMillis, () -> {
                callTimer = null;
                answerEarly(
                        Problem.of(
                                ErrorKind.TIMEOUT,
                                "connector '" + connector.id() + "' did not answer within its call timeout of "
                                        + callMillis + " ms"),
                        false);
            });
            if (!request.isEnded()) {
                long readMillis = Math.max(1, limits.requestReadTimeout().toMillis());
                readTimer = LoopTimer.schedule(vertx, readMillis, () -> {
                    readTimer = null;
                    answerEarly(
                            Problem.of(
                                    ErrorKind.REQUEST_TIMEOUT,
                                    "the request body did not arrive within " + readMillis + " ms"),
                            true);
                });
                request.end().onComplete(ended -> cancelReadTimer());
            }
        }

        private void cancelReadTimer() {
            LoopTimer timer = readTimer;
            if (timer != null) {
                timer.cancel();
                readTimer = null;
            }
        }

        private void cancelCallTimer() {
            LoopTimer timer = callTimer;
            if (timer != null) {
                timer.cancel();
                callTimer = null;
            }
        }

        /** Answers before the pipeline has (timeouts, a body over the limit); its late outcome is then dropped. */
        private void answerEarly(Problem problem, boolean closeConnection) {
            if (answered) {
                if (closeConnection) {
                    cutOff(request);
                }
                return;
            }
            answered = true;
            cancelCallTimer();
            cancelReadTimer();
            outcomeLabel = problem.kind().code();
            sentStatus = problem.status();
            putAttempts();
            if (closeConnection && request.version() != HttpVersion.HTTP_2) {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            ProblemResponse.send(
                            response, problem, connector.id(), exchange.trace().traceId())
                    .onComplete(done -> {
                        if (closeConnection) {
                            cutOff(request);
                        }
                        finish(-1);
                    });
        }

        private void relay(AsyncResult<Outcome> result) {
            cancelCallTimer();
            if (answered) {
                if (result.succeeded() && result.result() instanceof Outcome.Upstream late) {
                    // The caller already has its answer; stop the provider's response instead of reading it.
                    late.response().request().reset();
                }
                return;
            }
            answered = true;
            if (result.failed()) {
                LOG.error(
                        "connector '{}' request {} trace {}: pipeline failed",
                        connector.id(),
                        exchange.requestId(),
                        exchange.trace().traceId(),
                        result.cause());
                sendProblem(Problem.of(ErrorKind.INTERNAL, "the gateway failed to handle this request; see its log"));
                return;
            }
            Outcome outcome = result.result();
            if (outcome instanceof Outcome.Rejection rejection) {
                sendProblem(rejection.problem());
            } else if (outcome instanceof Outcome.Upstream upstream) {
                relayUpstream(upstream);
            }
        }

        private void sendProblem(Problem problem) {
            outcomeLabel = problem.kind().code();
            sentStatus = problem.status();
            putAttempts();
            ProblemResponse.send(
                            response, problem, connector.id(), exchange.trace().traceId())
                    .onComplete(done -> finish(-1));
            // A body the pipeline never sent is drained so the connection can carry the next request.
            if (!request.isEnded()) {
                request.resume();
            }
        }

        private void relayUpstream(Outcome.Upstream outcome) {
            HttpClientResponse upstream = outcome.response();
            int status = upstream.statusCode();
            sentStatus = status;
            outcomeLabel = status >= 500 ? "upstream-error" : "ok";
            response.setStatusCode(status);
            if (request.version() != HttpVersion.HTTP_2 && upstream.statusMessage() != null) {
                response.setStatusMessage(upstream.statusMessage());
            }
            HeaderHygiene.copyResponseHeaders(upstream.headers(), response.headers());
            ReadStream<Buffer> body = upstream;
            Outcome.BodyRewrite rewrite = outcome.rewrite();
            if (rewrite != null) {
                // A rewritten body has a new length; unless the rewrite knows it, it goes out chunked.
                response.headers().remove(HttpHeaders.CONTENT_LENGTH);
                rewrite.headers().accept(response.headers());
                body = rewrite.body().apply(upstream);
            }
            putAttempts();
            Capture journaled = capture;
            if (journaled != null) {
                body = journaled.response(body);
            }
            if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                    && request.version() != HttpVersion.HTTP_2
                    && hasBody(status)) {
                response.setChunked(true);
            }
            long upstreamNanos = lastAttemptNanos();
            body.pipe().endOnFailure(false).to(response).onComplete(piped -> {
                if (piped.failed()) {
                    // Either side broke off mid-body: the caller must see a broken response, never a short one
                    // that looks complete, and the provider's stream is stopped.
                    upstream.request().reset();
                    response.reset();
                }
                finish(upstreamNanos);
            });
        }

        private boolean hasBody(int status) {
            return !HttpMethod.HEAD.equals(request.method()) && status != 204 && status != 304 && status >= 200;
        }

        private void putAttempts() {
            int attempts = exchange.attempts().size();
            if (attempts > 0) {
                response.putHeader(ATTEMPTS_HEADER, Integer.toString(attempts));
            }
        }

        private long lastAttemptNanos() {
            var attempts = exchange.attempts();
            return attempts.isEmpty() ? -1 : attempts.get(attempts.size() - 1).durationNanos();
        }

        private void onCallerGone() {
            if (!answered) {
                answered = true;
                cancelCallTimer();
                cancelReadTimer();
                outcomeLabel = "caller-gone";
                sentStatus = 499;
                finish(-1);
            }
        }

        private void finish(long upstreamNanos) {
            if (finished) {
                return;
            }
            finished = true;
            cancelReadTimer();
            if (isLastOnConnection(request)) {
                // The answer is written out (finish runs once it is); nothing else may be read from this connection.
                request.connection().close();
            }
            exchange.end();
            Capture journaled = capture;
            if (journaled != null) {
                journaled.finish(
                        exchange, connector.config(), sentStatus, outcomeLabel, response.headers(), upstreamNanos);
            }
            connector
                    .meters()
                    .finished(
                            caller == null ? "anonymous" : caller,
                            outcomeLabel,
                            sentStatus,
                            System.nanoTime() - start,
                            upstreamNanos >= 0 ? upstreamNanos : lastAttemptNanos(),
                            exchange.attempts().size());
            if (LOG.isDebugEnabled()) {
                // No path here: it may hold a card number or a token, and logs are not masked. The trace id finds
                // the whole exchange, masked, in the journal.
                LOG.debug(
                        "{} {} -> {} {} ({}) trace {}",
                        request.method(),
                        target.connector(),
                        sentStatus,
                        outcomeLabel,
                        exchange.attempts().size(),
                        exchange.trace().traceId());
            }
        }
    }

    private static String clientAddress(HttpServerRequest request) {
        var address = request.remoteAddress();
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }
}

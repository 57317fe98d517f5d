package io.switchboard.probe;

import io.switchboard.config.ProbeRequest;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One probe request sent through a connector's probe pipeline and its answer read, all within the probe's timeout. It
 * never fails: whatever goes wrong becomes a {@link ProbeAnswer.Failed} with the reason.
 *
 * <p>The exchange is marked as a probe, so the journal can tell it from callers' traffic: the caller is
 * {@value #CALLER} and the provider gets a {@value #PROBE_HEADER} header such as {@code check/ping}.
 */
final class ProbeCall {
    /** The caller name of every probe exchange. */
    static final String CALLER = "switchboard-probe";

    /** The header that marks a probe request and names the probe: {@code check/ping}, {@code resource/balance}. */
    static final String PROBE_HEADER = "Switchboard-Probe";

    /** The most of an answer's body a probe keeps; the rest is read and dropped, so the connection can be reused. */
    static final int BODY_LIMIT = 1024 * 1024;

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?");

    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final Promise<ProbeAnswer> answer = Promise.promise();
    private @Nullable HttpClientResponse reading;

    private ProbeCall(Vertx vertx, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.nanoTime = nanoTime;
    }

    /**
     * Sends {@code request} through {@code pipeline} and reads the answer; call on the Vert.x context the probe runs on.
     *
     * @param label what the probe is, such as {@code check/ping}, sent as {@value #PROBE_HEADER}
     * @param timeout how long the whole call may take, the body's last byte included
     * @return the answer, or why there is none; never a failed future
     */
    static Future<ProbeAnswer> send(
            Vertx vertx,
            Pipeline pipeline,
            String connector,
            String label,
            ProbeRequest request,
            Duration timeout,
            RandomGenerator random,
            LongSupplier nanoTime) {
        try {
            return new ProbeCall(vertx, nanoTime).run(pipeline, connector, label, request, timeout, random);
        } catch (RuntimeException e) {
            // Only building the exchange can throw here; the scheduler must get an answer either way, or it waits.
            return Future.succeededFuture(
                    new ProbeAnswer.Failed("the gateway could not build the probe request: " + ProbeText.describe(e)));
        }
    }

    private Future<ProbeAnswer> run(
            Pipeline pipeline,
            String connector,
            String label,
            ProbeRequest request,
            Duration timeout,
            RandomGenerator random) {
        long start = nanoTime.getAsLong();
        Exchange exchange = exchange(connector, label, request, start, timeout, random);
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            answer.tryComplete(new ProbeAnswer.Failed(
                    "no complete answer within " + ProbeText.duration(timeout) + " (the probe's timeout)"));
            HttpClientResponse unfinished = reading;
            if (unfinished != null) {
                stop(unfinished);
            }
        });
        Future<Outcome> outcome;
        try {
            outcome = pipeline.handle(exchange);
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(done -> {
            if (done.failed()) {
                answer.tryComplete(new ProbeAnswer.Failed(
                        "the gateway could not send the probe: " + ProbeText.describe(done.cause())));
            } else if (done.result() instanceof Outcome.Rejection rejection) {
                answer.tryComplete(new ProbeAnswer.Failed(rejection.problem().detail()));
            } else if (done.result() instanceof Outcome.Upstream upstream) {
                read(upstream, start);
            }
        });
        return answer.future().onComplete(finished -> {
            vertx.cancelTimer(timer);
            exchange.end();
        });
    }

    private static Exchange exchange(
            String connector,
            String label,
            ProbeRequest request,
            long start,
            Duration timeout,
            RandomGenerator random) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(headers::set);
        TraceContext trace = TraceContext.continueOrStart(null, random);
        byte[] id = new byte[16];
        random.nextBytes(id);
        String requestId = HEX.formatHex(id);
        headers.set(PROBE_HEADER, label);
        headers.set("traceparent", trace.traceparent());
        headers.set("X-Request-Id", requestId);
        if (!headers.contains(HttpHeaders.USER_AGENT)) {
            headers.set(HttpHeaders.USER_AGENT, CALLER);
        }
        String text = request.body();
        RequestBody body = new RequestBody.Empty();
        if (text != null) {
            body = new RequestBody.Buffered(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
            if (!headers.contains(HttpHeaders.CONTENT_TYPE)) {
                String trimmed = text.strip();
                // A body that looks like JSON is sent as JSON; anything else as plain text (set Content-Type to say).
                boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
                headers.set(HttpHeaders.CONTENT_TYPE, json ? "application/json" : "text/plain; charset=utf-8");
            }
        }
        return new Exchange(
                connector,
                HttpMethod.valueOf(request.method()),
                request.path(),
                request.query(),
                headers,
                requestId,
                trace,
                CALLER,
                // A probe has no client; the loopback address keeps the field a valid address for whoever reads it.
                "127.0.0.1",
                body,
                start,
                start + timeout.toNanos());
    }

    private void read(Outcome.Upstream upstream, long start) {
        HttpClientResponse response = upstream.response();
        if (answer.future().isComplete()) {
            // The timeout came first; nobody waits for this answer any more.
            stop(response);
            return;
        }
        reading = response;
        Outcome.BodyRewrite rewrite = upstream.rewrite();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
        if (rewrite != null) {
            rewrite.headers().accept(headers);
        }
        String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
        ReadStream<Buffer> body = rewrite == null ? response : rewrite.body().apply(response);
        Buffer kept = Buffer.buffer();
        boolean[] truncated = {false};
        int status = response.statusCode();
        body.exceptionHandler(failure -> answer.tryComplete(new ProbeAnswer.Failed(
                "the provider broke off" + " its " + status + " answer: " + ProbeText.describe(failure))));
        body.handler(chunk -> {
            int room = BODY_LIMIT - kept.length();
            if (chunk.length() <= room) {
                kept.appendBuffer(chunk);
            } else {
                kept.appendBuffer(chunk, 0, Math.max(0, room));
                truncated[0] = true;
            }
        });
        body.endHandler(ended -> {
            Duration latency = Duration.ofNanos(nanoTime.getAsLong() - start);
            answer.tryComplete(
                    new ProbeAnswer.Received(status, contentType, decode(kept, contentType), truncated[0], latency));
        });
        body.resume();
    }

    /** Returns the body as text in the charset its Content-Type names, or UTF-8 when it names none the JDK knows. */
    private static String decode(Buffer body, @Nullable String contentType) {
        Charset charset = StandardCharsets.UTF_8;
        if (contentType != null) {
            Matcher matcher = CHARSET.matcher(contentType);
            if (matcher.find()) {
                try {
                    charset = Charset.forName(matcher.group(1).toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    charset = StandardCharsets.UTF_8;
                }
            }
        }
        return body.toString(charset);
    }

    /** Resets the exchange with the provider; the reset's own failure is expected and not logged as unhandled. */
    private static void stop(HttpClientResponse response) {
        response.exceptionHandler(ignored -> {});
        response.request().reset();
    }
}

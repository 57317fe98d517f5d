package io.switchboard.policy.charset;

import static java.util.Objects.requireNonNull;

import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ContentType;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Policy;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.UpstreamFailure;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
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
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A policy that converts text bodies between UTF-8, which callers speak, and the provider's charset: the request on
 * its way out, the response on its way back, both as they stream. Binary bodies, bodies of unknown type and compressed
 * bodies pass untouched.
 *
 * <p>Text is never garbled silently. A request that is not valid in its charset, or holds a character the provider's
 * charset cannot represent, is answered {@code bad-request} 400 naming the position, and the provider never gets a
 * complete request. A response that is not valid in its charset is answered with a 502 problem when the bad bytes are
 * found before the response's head has gone to the caller: a body of known length up to {@value #WHOLE_BODY_LIMIT}
 * bytes is read whole before the head is released (and then gets an exact {@code Content-Length}); a longer or chunked
 * one is checked in its first chunk. Bad bytes found later break the caller's response off (the server resets it), so
 * the caller sees a failed transfer, never a complete-looking garbled or short one.
 */
public final class CharsetPolicy implements Policy {
    /**
     * The largest body of known length that is read whole before it is passed on: every error in it is then a problem
     * answer, and its converted length is exact. The same as the retry policy's default buffer limit.
     */
    static final int WHOLE_BODY_LIMIT = 64 * 1024;

    /** The kind a response in bad text is answered with: the provider answered, but not in text we can read. */
    static final ErrorKind BAD_RESPONSE = ErrorKind.UPSTREAM_INVALID;

    private static final String CALLER_CHARSET = "utf-8";

    private final Charset provider;
    private final String providerName;
    private final int wholeBodyLimit;

    private CharsetPolicy(Charset provider, int wholeBodyLimit) {
        this.provider = provider;
        this.providerName = provider.name().toLowerCase(Locale.ROOT);
        this.wholeBodyLimit = wholeBodyLimit;
    }

    /** Returns the policy for a provider that speaks {@code providerCharset} (the connector's {@code charset}). */
    public static CharsetPolicy from(Charset providerCharset) {
        requireNonNull(providerCharset, "providerCharset");
        return new CharsetPolicy(providerCharset, WHOLE_BODY_LIMIT);
    }

    /** Returns a policy that reads bodies of known length whole only up to {@code wholeBodyLimit} bytes (tests). */
    static CharsetPolicy from(Charset providerCharset, int wholeBodyLimit) {
        return new CharsetPolicy(providerCharset, wholeBodyLimit);
    }

    @Override
    public String name() {
        return "charset";
    }

    /** Returns the provider's charset. */
    public Charset providerCharset() {
        return provider;
    }

    @Override
    public Future<Outcome> apply(Exchange exchange, Chain next) {
        MultiMap headers = exchange.headers();
        // A compressed response cannot be converted as it streams, so the provider is asked for plain bytes.
        headers.set(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.IDENTITY);
        RequestBody body = exchange.body();
        if (body instanceof RequestBody.Empty || isCompressed(headers)) {
            return proceed(exchange, next, null);
        }
        ContentType type = ContentType.parse(headers.get(HttpHeaders.CONTENT_TYPE));
        if (type == null || !type.isText()) {
            return proceed(exchange, next, null);
        }
        Charset from = type.charsetOr(StandardCharsets.UTF_8);
        if (from == null) {
            return reject(Problem.of(
                            ErrorKind.BAD_REQUEST,
                            "the request declares charset '" + type.charset()
                                    + "', which the gateway does not know, so it cannot convert the body to "
                                    + provider.name() + " for connector '" + exchange.connector() + "'")
                    .with("charset", String.valueOf(type.charset())));
        }
        Transcoder transcoder = Transcoder.of(type, from, provider);
        headers.set(HttpHeaders.CONTENT_TYPE, type.withCharset(providerName));
        // The terminal sets the length from the converted body, or sends it chunked.
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        if (body instanceof RequestBody.Buffered buffered) {
            try {
                exchange.body(new RequestBody.Buffered(transcoder.convertAll(buffered.content())));
            } catch (UnconvertibleTextException e) {
                return reject(badRequest(exchange, e));
            }
            return proceed(exchange, next, null);
        }
        RequestBody.Streamed streamed = (RequestBody.Streamed) body;
        TranscodingStream converted = new TranscodingStream(streamed.source(), transcoder);
        boolean whole = streamed.length() >= 0 && streamed.length() <= wholeBodyLimit;
        return deferFailure(Lookahead.read(converted, whole))
                .compose(
                        lookahead -> {
                            exchange.body(
                                    lookahead.isComplete()
                                            ? new RequestBody.Buffered(lookahead.content())
                                            : new RequestBody.Streamed(lookahead, -1));
                            return proceed(exchange, next, converted);
                        },
                        failure -> {
                            if (failure instanceof UnconvertibleTextException e) {
                                return reject(badRequest(exchange, e));
                            }
                            return Future.failedFuture(failure);
                        });
    }

    /** Passes the exchange on and converts the response; a request body that failed on the way wins over any answer. */
    private Future<Outcome> proceed(Exchange exchange, Chain next, @Nullable TranscodingStream requestBody) {
        return next.proceed(exchange).compose(outcome -> {
            UnconvertibleTextException failure = requestBody == null ? null : requestBody.failure();
            if (failure != null) {
                // The send broke off mid-body; whatever came back is not an answer to the caller's request.
                if (outcome instanceof Outcome.Upstream upstream) {
                    stop(upstream.response());
                }
                return reject(badRequest(exchange, failure));
            }
            return convertResponse(exchange, outcome);
        });
    }

    private Future<Outcome> convertResponse(Exchange exchange, Outcome outcome) {
        if (!(outcome instanceof Outcome.Upstream upstream)) {
            return Future.succeededFuture(outcome);
        }
        int status = upstream.status();
        if (status < 200 || status == 204 || status == 304) {
            return Future.succeededFuture(outcome);
        }
        HttpClientResponse response = upstream.response();
        Outcome.BodyRewrite earlier = upstream.rewrite();
        MultiMap headers = earlier == null ? response.headers() : rewrittenHeaders(response.headers(), earlier);
        if (isCompressed(headers)) {
            return Future.succeededFuture(outcome);
        }
        ContentType type = ContentType.parse(headers.get(HttpHeaders.CONTENT_TYPE));
        if (type == null || !type.isText()) {
            return Future.succeededFuture(outcome);
        }
        Charset from = type.charsetOr(provider);
        if (from == null) {
            stop(response);
            return reject(Problem.of(
                            BAD_RESPONSE,
                            "connector '" + exchange.connector() + "' answered " + status + " in charset '"
                                    + type.charset() + "', which the gateway does not know, so it cannot convert"
                                    + " the body to UTF-8")
                    .with("upstreamStatus", status)
                    .with("charset", String.valueOf(type.charset())));
        }
        String contentType = type.withCharset(CALLER_CHARSET);
        if (HttpMethod.HEAD.equals(exchange.method())) {
            // No body, but the head says what a GET would send.
            return Future.succeededFuture(upstream.rewrittenBy(new Outcome.BodyRewrite(
                    UnaryOperator.identity(), h -> h.set(HttpHeaders.CONTENT_TYPE, contentType))));
        }
        ReadStream<Buffer> body = earlier == null ? response : earlier.body().apply(response);
        long length = earlier == null ? contentLength(headers) : -1;
        TranscodingStream converted = new TranscodingStream(body, Transcoder.of(type, from, StandardCharsets.UTF_8));
        boolean whole = length >= 0 && length <= wholeBodyLimit;
        return deferFailure(Lookahead.read(converted, whole)).transform(read -> {
            if (read.failed()) {
                return Future.succeededFuture(badResponse(exchange, upstream, read.cause(), whole));
            }
            Lookahead lookahead = read.result();
            Outcome.BodyRewrite rewrite = new Outcome.BodyRewrite(ignored -> lookahead, toCaller -> {
                if (earlier != null) {
                    earlier.headers().accept(toCaller);
                }
                toCaller.set(HttpHeaders.CONTENT_TYPE, contentType);
                if (lookahead.isComplete()) {
                    toCaller.set(HttpHeaders.CONTENT_LENGTH, Long.toString(lookahead.heldBytes()));
                }
            });
            return Future.succeededFuture(new Outcome.Upstream(response, upstream.endpoint(), rewrite));
        });
    }

    private Outcome badResponse(Exchange exchange, Outcome.Upstream upstream, Throwable cause, boolean wasReadWhole) {
        if (wasReadWhole) {
            // Little or nothing is left of a short body: drop it, so the connection can serve the next call.
            upstream.discard();
        } else {
            // The rest of a long body is of no use; stop it rather than read it.
            stop(upstream.response());
        }
        int status = upstream.status();
        if (cause instanceof UnconvertibleTextException e) {
            Problem problem = Problem.of(
                            BAD_RESPONSE,
                            e.describe("connector '" + exchange.connector() + "' answered " + status
                                            + " with a body that")
                                    + "; the gateway does not pass on garbled text")
                    .with("upstreamStatus", status)
                    .with("charset", e.charset().name())
                    .with("byteOffset", e.byteOffset());
            return new Outcome.Rejection(problem, name());
        }
        Problem problem = Problem.ofFailure(
                        ErrorKind.UPSTREAM_UNREACHABLE,
                        "connector '" + exchange.connector() + "' broke off its " + status
                                + " answer while the gateway read its body ahead (" + describe(cause) + ")",
                        UpstreamFailure.RESET)
                .with("upstreamStatus", status);
        return new Outcome.Rejection(problem, name());
    }

    private Problem badRequest(Exchange exchange, UnconvertibleTextException e) {
        String sentence = e.reason() == UnconvertibleTextException.Reason.MALFORMED
                ? e.describe("the request body")
                : e.describe("the request body") + " (connector '" + exchange.connector() + "' speaks "
                        + provider.name() + ")";
        Problem problem = Problem.of(ErrorKind.BAD_REQUEST, sentence)
                .with("charset", e.charset().name());
        if (e.byteOffset() >= 0) {
            problem = problem.with("byteOffset", e.byteOffset());
        }
        if (e.characterOffset() >= 0) {
            problem = problem.with("characterOffset", e.characterOffset());
        }
        if (e.codePoint() >= 0) {
            problem = problem.with("character", String.format(Locale.ROOT, "U+%04X", e.codePoint()));
        }
        return problem;
    }

    private Future<Outcome> reject(Problem problem) {
        return Future.succeededFuture(new Outcome.Rejection(problem, name()));
    }

    /**
     * Returns {@code read}, with a failure that is not about charsets delivered one event-loop turn later. Such a
     * failure comes from the body stream itself (a request body over the size limit, a caller that went away), and the
     * server answers it on its own right after; it must not find the exchange already answered by this policy.
     */
    private static Future<Lookahead> deferFailure(Future<Lookahead> read) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return read;
        }
        Promise<Lookahead> later = Promise.promise();
        read.onComplete((AsyncResult<Lookahead> result) -> {
            if (result.succeeded() || result.cause() instanceof UnconvertibleTextException) {
                later.handle(result);
            } else {
                context.runOnContext(ignored -> later.handle(result));
            }
        });
        return later.future();
    }

    /** Resets the exchange with the provider; the reset's own failure is expected and not logged as unhandled. */
    private static void stop(HttpClientResponse response) {
        response.exceptionHandler(ignored -> {});
        response.request().reset();
    }

    private static MultiMap rewrittenHeaders(MultiMap original, Outcome.BodyRewrite earlier) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(original);
        earlier.headers().accept(copy);
        return copy;
    }

    private static boolean isCompressed(MultiMap headers) {
        String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
        return encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
    }

    private static long contentLength(MultiMap headers) {
        String value = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    @Override
    public String toString() {
        return "CharsetPolicy[" + provider.name() + "]";
    }
}

package io.switchboard.server;

import io.switchboard.config.ServerLimits;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The border check every request passes before it is routed: no proxy-style or CONNECT requests, no ambiguous message
 * framing (request smuggling), nothing over the configured size limits.
 */
final class RequestGuard {
    private final ServerLimits limits;

    RequestGuard(ServerLimits limits) {
        this.limits = limits;
    }

    /**
     * A refusal.
     *
     * @param problem the answer
     * @param closeConnection whether the connection must be closed after it, because the framing of what follows on
     *     it cannot be trusted
     */
    record Refusal(Problem problem, boolean closeConnection) {}

    /** Returns why the request must be refused, or null when it may go on. */
    @Nullable
    Refusal check(HttpServerRequest request) {
        if (HttpMethod.CONNECT.equals(request.method())) {
            return refuse(
                    new Problem(
                            ErrorKind.BAD_REQUEST,
                            405,
                            "CONNECT is not supported: Switchboard forwards only to configured connectors",
                            null,
                            java.util.Map.of(),
                            null),
                    true);
        }
        String uri = request.uri();
        if (uri.length() > limits.maxUriLength()) {
            return refuse(
                    Problem.of(
                            ErrorKind.URI_TOO_LONG,
                            "the request URI has " + uri.length() + " characters; the limit is "
                                    + limits.maxUriLength()),
                    false);
        }
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return refuse(
                    Problem.of(
                            ErrorKind.BAD_REQUEST,
                            "only origin-form request targets (/connector/path) are accepted; Switchboard is not an"
                                    + " open proxy"),
                    false);
        }
        MultiMap headers = request.headers();
        if (headers.size() > limits.maxHeaderCount()) {
            return refuse(
                    Problem.of(
                            ErrorKind.HEADERS_TOO_LARGE,
                            "the request has " + headers.size() + " header fields; the limit is "
                                    + limits.maxHeaderCount()),
                    true);
        }
        if (request.version() != HttpVersion.HTTP_2) {
            Refusal framing = checkFraming(headers);
            if (framing != null) {
                return framing;
            }
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > limits.maxBodySize().bytes()) {
            return refuse(
                    Problem.of(
                            ErrorKind.PAYLOAD_TOO_LARGE,
                            "the request body has " + length + " bytes; the limit is "
                                    + limits.maxBodySize().bytes()),
                    true);
        }
        return null;
    }

    /** Refuses HTTP/1 messages whose length two parties could read differently (RFC 9112 section 6.3). */
    private static @Nullable Refusal checkFraming(MultiMap headers) {
        List<String> lengths = headers.getAll(HttpHeaders.CONTENT_LENGTH);
        List<String> encodings = headers.getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!lengths.isEmpty() && !encodings.isEmpty()) {
            return smuggling("both Content-Length and Transfer-Encoding are present");
        }
        if (lengths.size() > 1) {
            return smuggling("Content-Length appears " + lengths.size() + " times");
        }
        if (lengths.size() == 1 && parseLength(lengths.get(0)) < 0) {
            return smuggling("Content-Length is not a number");
        }
        if (encodings.size() > 1
                || (encodings.size() == 1 && !encodings.get(0).trim().equalsIgnoreCase("chunked"))) {
            return smuggling("Transfer-Encoding other than a single \"chunked\" is not accepted");
        }
        return null;
    }

    private static Refusal smuggling(String why) {
        return refuse(Problem.of(ErrorKind.BAD_REQUEST, "ambiguous request framing: " + why), true);
    }

    private static Refusal refuse(Problem problem, boolean close) {
        return new Refusal(problem, close);
    }

    /** Returns the length, or -1 when it is not a plain non-negative decimal number. */
    static long parseLength(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 18) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}

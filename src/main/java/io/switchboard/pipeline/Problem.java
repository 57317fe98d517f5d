package io.switchboard.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer the gateway makes itself, rendered as {@code application/problem+json} (RFC 9457).
 *
 * @param kind what went wrong; gives the type, title and default status
 * @param status the HTTP status, usually {@code kind.status()}
 * @param detail a human sentence naming the subject, its state and the reason
 * @param retryAfter sent as {@code Retry-After} in whole seconds when present
 * @param extensions extra members of the problem object (for example who switched a connector off)
 * @param failure the upstream failure behind this problem, if one caused it
 */
public record Problem(
        ErrorKind kind,
        int status,
        String detail,
        @Nullable Duration retryAfter,
        Map<String, Object> extensions,
        @Nullable UpstreamFailure failure) {

    public Problem {
        extensions = Map.copyOf(extensions);
    }

    /** Returns a problem of the kind's own status with no extras. */
    public static Problem of(ErrorKind kind, String detail) {
        return new Problem(kind, kind.status(), detail, null, Map.of(), null);
    }

    /** Returns a problem caused by a failed attempt to reach the upstream. */
    public static Problem ofFailure(ErrorKind kind, String detail, UpstreamFailure failure) {
        return new Problem(kind, kind.status(), detail, null, Map.of(), failure);
    }

    /** Returns a copy that asks the caller to retry after the given time. */
    public Problem withRetryAfter(Duration after) {
        return new Problem(kind, status, detail, after, extensions, failure);
    }

    /** Returns a copy with one more member in the problem object. */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(kind, status, detail, retryAfter, more, failure);
    }
}

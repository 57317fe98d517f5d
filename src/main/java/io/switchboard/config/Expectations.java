package io.switchboard.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a check's answer must look like to pass, under a check's {@code expect:}; every expectation written must hold.
 *
 * <pre>
 * expect: { status: 200, body-contains: ok, json: { "/status": ok, "/queue/0/id": 7 }, latency-under: 2s }
 * </pre>
 *
 * @param status the status the provider must answer with; null (the default) accepts any 2xx status
 * @param bodyContains text the answer's body must contain, case-sensitive; none by default
 * @param json JSON pointers (RFC 6901) into the answer's body, each with the value found there as text: a string's
 *     value, a number, {@code true}, {@code false} or {@code null}; numbers match by value, so {@code 7} matches
 *     {@code 7.0}. None by default
 * @param latencyUnder the longest the whole answer may take, from sending the request to the body's last byte; none by
 *     default
 */
public record Expectations(
        @Nullable Integer status,
        @Nullable String bodyContains,
        Map<String, String> json,
        @Nullable Duration latencyUnder) {
    /** No expectation but the default one: a 2xx status. */
    public static final Expectations DEFAULT = new Expectations(null, null, Map.of(), null);

    public Expectations {
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }
}

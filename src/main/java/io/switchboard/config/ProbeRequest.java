package io.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request a check or a resource probe sends to its connector's provider: {@code request: "GET /api/ping"}, with
 * {@code headers:} and {@code body:} beside it.
 *
 * <pre>
 * request: "POST /v1/balance?currency=EUR"
 * headers: { Accept: application/json }
 * body: '{"account": "main"}'
 * </pre>
 *
 * @param method the HTTP method, in capitals: GET, HEAD, POST, PUT, DELETE, PATCH or OPTIONS
 * @param path the raw path below the connector's upstream base URL, starting with {@code /}; never leaves the base
 *     (no dot-segments, no encoded slashes)
 * @param query the raw query without {@code ?}, or null for none
 * @param headers extra request headers, in the order written; none by default. The connector's credentials are added
 *     by its pipeline, as for any call
 * @param body the request body as UTF-8 text (converted by the connector's charset, if it has one); none by default
 */
public record ProbeRequest(
        String method,
        String path,
        @Nullable String query,
        Map<String, String> headers,
        @Nullable String body) {
    public ProbeRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Returns the request line as written: {@code GET /api/ping?deep=1}. */
    public String line() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }

    /** Shows header names but not their values, nor the body: either may hold a secret from the environment. */
    @Override
    public String toString() {
        return "ProbeRequest[" + line() + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length() + " characters") + "]";
    }
}

package io.switchboard.pipeline;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes a {@link Problem} as an {@code application/problem+json} response with its {@code Switchboard-Error}. */
public final class ProblemResponse {
    /** The header that names the kind of an answer the gateway made itself. */
    public static final String ERROR_HEADER = "Switchboard-Error";

    private static final String CONTENT_TYPE = "application/problem+json";

    private ProblemResponse() {}

    /** Returns the problem as the JSON object sent to the caller. */
    public static JsonObject toJson(Problem problem, @Nullable String connector, @Nullable String traceId) {
        JsonObject json = new JsonObject()
                .put("type", problem.kind().typeUri())
                .put("title", problem.kind().title())
                .put("status", problem.status())
                .put("detail", problem.detail());
        if (connector != null) {
            json.put("connector", connector);
        }
        if (traceId != null) {
            json.put("traceId", traceId);
        }
        for (Map.Entry<String, Object> extension : problem.extensions().entrySet()) {
            json.put(extension.getKey(), extension.getValue());
        }
        return json;
    }

    /** Sends the problem and ends the response. */
    public static Future<Void> send(
            HttpServerResponse response, Problem problem, @Nullable String connector, @Nullable String traceId) {
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader(ERROR_HEADER, problem.kind().code());
        if (problem.retryAfter() != null) {
            // Retry-After is whole seconds (RFC 9110 section 10.2.3); round up so callers never come back early.
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return response.end(toJson(problem, connector, traceId).toBuffer());
    }
}

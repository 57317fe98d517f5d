package io.switchboard.pipeline;

/**
 * A kind of answer the gateway makes itself, sent as the {@code Switchboard-Error} header and the problem's type.
 *
 * <p>The kinds and their statuses are part of the public contract (DESIGN.md); callers branch on them.
 */
public enum ErrorKind {
    SWITCHED_OFF("switched-off", 503, "Connector switched off"),
    CLOSED("closed", 503, "Connector closed by schedule"),
    RATE_LIMITED("rate-limited", 429, "Rate limit reached"),
    OVERLOADED("overloaded", 503, "Concurrency limit reached"),
    CIRCUIT_OPEN("circuit-open", 503, "Circuit breaker open"),
    TIMEOUT("timeout", 504, "Upstream timed out"),
    UPSTREAM_UNREACHABLE("upstream-unreachable", 502, "Upstream unreachable"),
    UPSTREAM_INVALID("upstream-invalid", 502, "Upstream answer unreadable"),
    UNKNOWN_CONNECTOR("unknown-connector", 404, "Unknown connector"),
    UNKNOWN_CAPABILITY("unknown-capability", 404, "Unknown capability"),
    NO_PROVIDER("no-provider", 503, "No provider usable"),
    CALLER_REQUIRED("caller-required", 401, "Caller must identify itself"),
    UNKNOWN_CALLER("unknown-caller", 401, "Unknown API key"),
    BAD_REQUEST("bad-request", 400, "Bad request"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    URI_TOO_LONG("uri-too-long", 414, "Request URI too long"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers too large"),
    REQUEST_TIMEOUT("request-timeout", 408, "Request not received in time"),
    SHUTTING_DOWN("shutting-down", 503, "Gateway shutting down"),
    UNAUTHORIZED("unauthorized", 401, "Missing or unknown admin token"),
    FORBIDDEN("forbidden", 403, "Admin token lacks the role"),
    NOT_FOUND("not-found", 404, "No such resource"),
    INVALID_CONFIG("invalid-config", 422, "Config is invalid"),
    STORE_UNAVAILABLE("store-unavailable", 503, "Store unavailable"),
    INTERNAL("internal", 500, "Internal gateway error");

    private final String code;
    private final int status;
    private final String title;

    ErrorKind(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    /** Returns the kebab-case name used in the header, the problem type and the journal. */
    public String code() {
        return code;
    }

    /** Returns the HTTP status this kind is answered with. */
    public int status() {
        return status;
    }

    /** Returns the short human title of the problem. */
    public String title() {
        return title;
    }

    /** Returns the RFC 9457 problem type URI of this kind. */
    public String typeUri() {
        return "urn:switchboard:problem:" + code;
    }
}

package io.switchboard.health;

import io.switchboard.pipeline.ErrorKind;
import java.util.Set;

/**
 * How a finished request counts in a connector's traffic window: a call the provider answered, a call that failed on
 * the provider's side, a refusal of the gateway's own, or something that says nothing about the provider.
 */
public enum CallResult {
    /** The provider answered, with anything but a 5xx. */
    ANSWERED,
    /** The provider failed: a 5xx answer, a timeout, no endpoint reachable, a broken answer. */
    FAILED,
    /** The gateway refused the call before it left: switched off, closed, rate limited, overloaded, circuit open. */
    REFUSED,
    /** Neither: the caller's own fault (a bad request, a slow body, gone before the answer) or the gateway's bug. */
    OTHER;

    /**
     * The gateway's refusals. An open breaker is one: its failures were counted as they happened, and its lamp reason
     * says it is open, so counting its refusals as well would hold the objectives red for a window after it closes.
     */
    private static final Set<String> REFUSALS = Set.of(
            ErrorKind.SWITCHED_OFF.code(),
            ErrorKind.CLOSED.code(),
            ErrorKind.RATE_LIMITED.code(),
            ErrorKind.OVERLOADED.code(),
            ErrorKind.CIRCUIT_OPEN.code());

    /** Outcomes that are the caller's doing or the gateway's, never the provider's. */
    private static final Set<String> NOT_THE_PROVIDER = Set.of(
            ErrorKind.BAD_REQUEST.code(),
            ErrorKind.PAYLOAD_TOO_LARGE.code(),
            ErrorKind.URI_TOO_LONG.code(),
            ErrorKind.HEADERS_TOO_LARGE.code(),
            ErrorKind.REQUEST_TIMEOUT.code(),
            ErrorKind.UNKNOWN_CONNECTOR.code(),
            ErrorKind.SHUTTING_DOWN.code(),
            ErrorKind.INTERNAL.code(),
            "caller-gone");

    /**
     * Returns how a finished request counts.
     *
     * @param outcome {@code ok}, {@code upstream-error} (a 5xx from the provider), {@code caller-gone} or the gateway's
     *     error kind, as the metrics label it
     * @param status the status sent to the caller
     */
    public static CallResult of(String outcome, int status) {
        if (outcome.equals("ok")) {
            return ANSWERED;
        }
        if (outcome.equals("upstream-error")) {
            return FAILED;
        }
        if (REFUSALS.contains(outcome)) {
            return REFUSED;
        }
        if (NOT_THE_PROVIDER.contains(outcome)) {
            return OTHER;
        }
        // Timeouts (504), unreachable endpoints (502) and any later kind about the provider's answer are 5xx.
        return status >= 500 ? FAILED : OTHER;
    }
}

package io.switchboard.pipeline;

/**
 * Why an attempt to reach the upstream failed; retry, breaker and outlier detection decide on it.
 *
 * <p>{@link #reachedUpstream()} separates failures after which the upstream may have acted on the request from those
 * where it certainly did not, because only the latter are always safe to retry.
 */
public enum UpstreamFailure {
    /** The TCP or TLS connection could not be made (refused, unreachable, handshake failed). */
    CONNECT_FAILURE("connect-failure", false),
    /** No connection within the connect timeout. */
    CONNECT_TIMEOUT("connect-timeout", false),
    /** The request was sent but no response head came within the response timeout. */
    RESPONSE_TIMEOUT("timeout", true),
    /** The connection broke after the request was (partly) sent. */
    RESET("reset", true);

    private final String code;
    private final boolean reachedUpstream;

    UpstreamFailure(String code, boolean reachedUpstream) {
        this.code = code;
        this.reachedUpstream = reachedUpstream;
    }

    /** Returns the name used in config ({@code retry.on}) and in the journal. */
    public String code() {
        return code;
    }

    /** Returns whether any byte of the request may have reached the upstream. */
    public boolean reachedUpstream() {
        return reachedUpstream;
    }
}

package io.switchboard.upstream;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One base URL of a connector's upstream, with the live counters that endpoint selection and outlier detection read.
 */
public final class Endpoint {
    private final String baseUrl;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String basePath;
    private final String rootPath;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long ejectedUntilNanos;

    /** Creates an endpoint from an absolute {@code http} or {@code https} URL with an optional base path. */
    public Endpoint(URI url) {
        String scheme = url.getScheme();
        this.tls = "https".equalsIgnoreCase(scheme);
        this.host = url.getHost();
        int defaultPort = tls ? 443 : 80;
        this.port = url.getPort() == -1 ? defaultPort : url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        // The base path never ends with "/": the caller's rest of path always starts with one.
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.rootPath = path.isEmpty() ? "/" : path;
        String authority = port == defaultPort ? host : host + ":" + port;
        this.baseUrl = scheme.toLowerCase(java.util.Locale.ROOT) + "://" + authority + basePath;
    }

    /** Returns the endpoint as written in config, normalised (for logs, metrics and the journal). */
    public String baseUrl() {
        return baseUrl;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean isTls() {
        return tls;
    }

    /** Returns the base path without a trailing slash ("" for none). */
    public String basePath() {
        return basePath;
    }

    /**
     * Returns the path a request for the bare connector ({@code /{connector}}, nothing after it) goes to: the base path
     * exactly as configured, or "/" when there is none.
     */
    public String rootPath() {
        return rootPath;
    }

    /** Returns how many calls to this endpoint are in flight. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Returns how many calls in a row failed. */
    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** Returns whether the endpoint is out of rotation at {@code nowNanos}. */
    public boolean isEjected(long nowNanos) {
        long until = ejectedUntilNanos;
        return until != 0 && nowNanos - until < 0;
    }

    void callStarted() {
        inFlight.incrementAndGet();
    }

    void callEnded() {
        inFlight.decrementAndGet();
    }

    void recordSuccess() {
        consecutiveFailures.set(0);
    }

    /** Counts a failure and returns how many in a row there are now. */
    int recordFailure() {
        return consecutiveFailures.incrementAndGet();
    }

    void eject(long untilNanos) {
        // 0 means "never ejected", so nudge an unlucky exact 0.
        ejectedUntilNanos = untilNanos == 0 ? 1 : untilNanos;
        consecutiveFailures.set(0);
    }

    @Override
    public String toString() {
        return baseUrl;
    }
}

package io.switchboard.pipeline;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One call through the gateway, from the caller's request to the final outcome: what to send upstream (which policies
 * may change) and what happened on the way (attempts, endpoints).
 *
 * <p>An exchange belongs to the event loop that accepted the request and is never shared between threads, so it is
 * mutable without locks.
 */
public final class Exchange {
    private static final java.util.Set<HttpMethod> IDEMPOTENT = java.util.Set.of(
            HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final String connector;
    private final HttpMethod method;
    private final String path;
    private @Nullable String query;
    private final MultiMap headers;
    private final String requestId;
    private final TraceContext trace;
    private final @Nullable String caller;
    private @Nullable String capability;
    private final String clientAddress;
    private final long startNanos;
    private final long deadlineNanos;
    private RequestBody body;
    private long proceeded;
    private final List<Attempt> attempts = new ArrayList<>(2);
    private @Nullable List<Runnable> endHooks;

    /**
     * Creates an exchange.
     *
     * @param connector the connector id the request was routed to
     * @param method the request method
     * @param path the path below the connector, raw (percent-encoding kept), starting with "/" or empty
     * @param query the raw query string without "?", byte for byte as the caller sent it, or null
     * @param headers the headers to send upstream, already cleaned of hop-by-hop headers
     * @param requestId the {@code X-Request-Id} of this call
     * @param trace the trace context of this call
     * @param caller the calling service's name, or null when anonymous
     * @param clientAddress the caller's IP address
     * @param body the request body
     * @param startNanos {@link System#nanoTime()} when the request arrived
     * @param deadlineNanos {@link System#nanoTime()} by which the whole call must be done
     */
    public Exchange(
            String connector,
            HttpMethod method,
            String path,
            @Nullable String query,
            MultiMap headers,
            String requestId,
            TraceContext trace,
            @Nullable String caller,
            String clientAddress,
            RequestBody body,
            long startNanos,
            long deadlineNanos) {
        this.connector = connector;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.requestId = requestId;
        this.trace = trace;
        this.caller = caller;
        this.clientAddress = clientAddress;
        this.body = body;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    public String connector() {
        return connector;
    }

    public HttpMethod method() {
        return method;
    }

    /** Returns the raw path below the connector's base, starting with "/" or empty. */
    public String path() {
        return path;
    }

    /** Returns the raw query string without "?", or null when the request had none. */
    public @Nullable String query() {
        return query;
    }

    /** Replaces the query string sent upstream (credentials in the query). */
    public void query(@Nullable String newQuery) {
        this.query = newQuery;
    }

    /** Returns the headers to send upstream; policies may change them. */
    public MultiMap headers() {
        return headers;
    }

    public String requestId() {
        return requestId;
    }

    public TraceContext trace() {
        return trace;
    }

    public @Nullable String caller() {
        return caller;
    }

    /** Returns the capability the call was addressed to ({@code /~sms/...}), or null when it named its connector. */
    public @Nullable String capability() {
        return capability;
    }

    /** Marks the call as addressed to a capability; the connector is then the provider chosen for it. */
    public void capability(@Nullable String name) {
        this.capability = name;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public RequestBody body() {
        return body;
    }

    /** Replaces the body, for stages that buffer it for retries or convert it. */
    public void body(RequestBody newBody) {
        this.body = newBody;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Returns the {@link System#nanoTime()} by which the whole call must be done. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** Returns whether the method is idempotent by RFC 9110 section 9.2.2, and so safe to send twice. */
    public boolean isIdempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** Records an attempt to reach the upstream. */
    public void recordAttempt(Attempt attempt) {
        attempts.add(attempt);
    }

    /** Returns the attempts made so far, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /**
     * Runs {@code hook} once when the exchange is over: the response fully sent, or the call abandoned. Policies that
     * hold a resource for the whole call (a concurrency permit) release it here, because a response body keeps streaming
     * after the pipeline's future has completed.
     */
    public void onEnd(Runnable hook) {
        if (endHooks == null) {
            endHooks = new ArrayList<>(2);
        }
        endHooks.add(hook);
    }

    /** Runs the end hooks; the server calls this exactly once per exchange. */
    public void end() {
        List<Runnable> hooks = endHooks;
        endHooks = null;
        if (hooks != null) {
            for (Runnable hook : hooks) {
                hook.run();
            }
        }
    }

    /** Marks that the policy at {@code position} called next; returns false when it already had. */
    boolean markProceeded(int position) {
        long bit = 1L << position;
        if ((proceeded & bit) != 0) {
            return false;
        }
        proceeded |= bit;
        return true;
    }

    /** Forgets the calls of every policy at {@code position} or later, before a repeating policy starts them again. */
    void forgetProceededFrom(int position) {
        proceeded &= (1L << position) - 1;
    }

    /**
     * One attempt to reach the upstream.
     *
     * @param endpoint the endpoint's base URL
     * @param status the response status, or 0 when there was none
     * @param failure why it failed, or null when a response came
     * @param startNanos {@link System#nanoTime()} when the attempt started
     * @param durationNanos how long until the response head or the failure
     */
    public record Attempt(
            String endpoint, int status, @Nullable UpstreamFailure failure, long startNanos, long durationNanos) {}
}

package io.switchboard.upstream;

import io.switchboard.config.Balance;
import io.switchboard.config.OutlierConfig;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A connector's endpoints and the rule that picks one for each attempt, skipping endpoints that outlier detection took
 * out of rotation.
 *
 * <p>Ejection follows Envoy's consecutive-failure rule: after {@code consecutive-failures} failures in a row an
 * endpoint is out for {@code eject-for}, then it simply gets traffic again. At most {@code max-ejected} of the group is
 * ever out, so a bad day degrades the group instead of emptying it.
 */
public final class EndpointGroup {
    private final List<Endpoint> endpoints;
    private final Balance balance;
    private final OutlierConfig outlier;
    private final LongSupplier nanoTime;
    private final AtomicInteger next = new AtomicInteger();

    private EndpointGroup(List<Endpoint> endpoints, Balance balance, OutlierConfig outlier, LongSupplier nanoTime) {
        this.endpoints = endpoints;
        this.balance = balance;
        this.outlier = outlier;
        this.nanoTime = nanoTime;
    }

    /** Returns a group over the given base URLs. */
    public static EndpointGroup of(List<URI> urls, Balance balance, OutlierConfig outlier, LongSupplier nanoTime) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an endpoint group needs at least one endpoint");
        }
        return new EndpointGroup(urls.stream().map(Endpoint::new).toList(), balance, outlier, nanoTime);
    }

    /** Returns the endpoints in config order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Picks the endpoint for the next attempt. */
    public Endpoint pick() {
        int size = endpoints.size();
        if (size == 1) {
            return endpoints.get(0);
        }
        long now = nanoTime.getAsLong();
        int start = Math.floorMod(next.getAndIncrement(), size);
        return balance == Balance.LEAST_REQUESTS ? leastRequests(start, now) : roundRobin(start, now);
    }

    private Endpoint roundRobin(int start, long now) {
        int size = endpoints.size();
        for (int i = 0; i < size; i++) {
            Endpoint candidate = endpoints.get((start + i) % size);
            if (!candidate.isEjected(now)) {
                return candidate;
            }
        }
        return endpoints.get(start);
    }

    private Endpoint leastRequests(int start, long now) {
        int size = endpoints.size();
        Endpoint best = endpoints.get(start);
        boolean bestEjected = best.isEjected(now);
        for (int i = 1; i < size; i++) {
            Endpoint candidate = endpoints.get((start + i) % size);
            boolean ejected = candidate.isEjected(now);
            if ((bestEjected && !ejected) || (ejected == bestEjected && candidate.inFlight() < best.inFlight())) {
                best = candidate;
                bestEjected = ejected;
            }
        }
        return best;
    }

    /** Records that a call to {@code endpoint} succeeded (a response that is not a 5xx). */
    public void recordSuccess(Endpoint endpoint) {
        endpoint.recordSuccess();
    }

    /** Records a failed call (connect failure, reset, timeout or 5xx) and ejects the endpoint when it keeps failing. */
    public void recordFailure(Endpoint endpoint) {
        if (endpoint.recordFailure() < outlier.consecutiveFailures() || endpoints.size() == 1) {
            return;
        }
        long now = nanoTime.getAsLong();
        int ejected = 0;
        for (Endpoint e : endpoints) {
            if (e.isEjected(now)) {
                ejected++;
            }
        }
        int allowed = (int) Math.floor(endpoints.size() * outlier.maxEjected().fraction());
        if (ejected < allowed) {
            endpoint.eject(now + outlier.ejectFor().toNanos());
        }
    }

    /** Returns how many endpoints are out of rotation now. */
    public int ejectedCount() {
        long now = nanoTime.getAsLong();
        return (int) endpoints.stream().filter(e -> e.isEjected(now)).count();
    }
}

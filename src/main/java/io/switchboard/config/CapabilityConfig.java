package io.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job several providers can do, under {@code capabilities.<id>:}; callers reach it at {@code /~<id>/...} and the
 * gateway sends each call to a provider that is usable now.
 *
 * @param id the capability's name, as in the proxy path after {@code ~}
 * @param providers the connector ids that do the job, in order of preference
 * @param strategy how a provider is chosen among the usable ones
 * @param weights each provider's share of the calls under {@link Strategy#WEIGHTED}, in provider order; every
 *     provider has one (1 when not written); empty under {@link Strategy#FAILOVER}
 * @param failoverOnFailures failures after bytes reached a provider on which an idempotent call moves to the next one
 *     ({@code timeout}, {@code reset}); failures before any byte left always move
 * @param failoverOnStatuses provider statuses on which an idempotent call moves to the next provider; none by default
 */
public record CapabilityConfig(
        String id,
        List<String> providers,
        Strategy strategy,
        Map<String, Integer> weights,
        Set<String> failoverOnFailures,
        Set<Integer> failoverOnStatuses) {
    public CapabilityConfig {
        providers = List.copyOf(providers);
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        failoverOnFailures = Set.copyOf(failoverOnFailures);
        failoverOnStatuses = Set.copyOf(failoverOnStatuses);
    }

    /** Returns the provider's weight, or 1 when it has none written (and under failover). */
    public int weight(String provider) {
        return weights.getOrDefault(provider, 1);
    }

    /** How a capability picks a provider. */
    public enum Strategy {
        /** The first usable provider in the written order takes every call. */
        FAILOVER("failover"),
        /** Calls are shared among the usable providers by weight (smooth weighted round-robin). */
        WEIGHTED("weighted");

        private final String code;

        Strategy(String code) {
            this.code = code;
        }

        /** Returns the name as written in YAML and shown by the API. */
        public String code() {
            return code;
        }
    }
}

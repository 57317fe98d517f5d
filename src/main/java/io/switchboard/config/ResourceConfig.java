package io.switchboard.config;

import java.time.Duration;

/**
 * A resource probe, one item of a connector's {@code resources:}: a request sent on a schedule whose answer holds a
 * number (an SMS balance, free couriers, stock), judged by thresholds.
 *
 * <pre>
 * resources:
 *   - { name: couriers, every: 5m, request: "GET /api/couriers/free", value: /free, warn-below: 10, critical-below: 1 }
 *   - { name: balance, every: 1m, request: "GET /balance.txt", regex: "balance=(\\d+)", warn-below: 100 }
 * </pre>
 *
 * @param name the resource's name, unique among the connector's resources: lowercase letters, digits and dashes
 * @param every how often the probe runs, at least 100ms; default 5m
 * @param timeout how long one run may take, from sending the request to the answer's last byte; at most {@code every};
 *     default 5s, or {@code every} when that is shorter
 * @param request what is sent
 * @param extraction where the number is in the answer: {@code value:} a JSON pointer, or {@code regex:} a regular
 *     expression whose first group is the number; exactly one of them
 * @param thresholds the warn and critical levels; none by default
 */
public record ResourceConfig(
        String name,
        Duration every,
        Duration timeout,
        ProbeRequest request,
        Extraction extraction,
        Thresholds thresholds) {

    /** Where a resource's number is found in the provider's answer. */
    public sealed interface Extraction {
        /** Returns the extraction as written, for messages: {@code value /free} or {@code regex free=(\d+)}. */
        String text();
    }

    /**
     * The number at a JSON pointer into the answer's body: {@code value: /data/free}.
     *
     * @param pointer an RFC 6901 JSON pointer; empty for the whole body
     */
    public record JsonValue(String pointer) implements Extraction {
        @Override
        public String text() {
            return "value " + pointer;
        }
    }

    /**
     * The number a regular expression's first group matches in the answer's body: {@code regex: "free=(\\d+)"}.
     *
     * @param pattern a Java regular expression with at least one group; its first match counts
     */
    public record RegexGroup(String pattern) implements Extraction {
        @Override
        public String text() {
            return "regex " + pattern;
        }
    }
}

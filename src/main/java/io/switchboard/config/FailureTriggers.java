package io.switchboard.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A list of failures and statuses that trigger something: {@code retry.on} and a capability's {@code failover-on}.
 * Each item is a failure name ({@code connect-failure}, {@code timeout} ...), a status ({@code 503}) or a status class
 * ({@code 5xx}, standing for its hundred statuses).
 *
 * @param failures the failure names given
 * @param statuses every status given, classes expanded
 */
record FailureTriggers(Set<String> failures, Set<Integer> statuses) {
    private static final List<String> FAILURE_NAMES = List.copyOf(new TreeSet<>(RetryConfig.FAILURE_NAMES));
    private static final String EXPECTED = "a status such as 503 or 5xx, or one of " + String.join(", ", FAILURE_NAMES);
    private static final Pattern STATUS = Pattern.compile("\\d{3}");
    private static final Pattern STATUS_CLASS = Pattern.compile("[1-5][xX][xX]");

    /** The list as config writes it, one item each, every item checked where it stands; see {@link #all}. */
    static final ValueType<List<FailureTriggers>> LIST = ValueType.listOf(
            "a list of failures and statuses, such as [ connect-failure, 502, 503, 504 ]",
            ValueType.scalar(EXPECTED, FailureTriggers::item),
            0);

    FailureTriggers {
        failures = Set.copyOf(failures);
        statuses = Set.copyOf(statuses);
    }

    /** Returns the failures and statuses of every item together. */
    static FailureTriggers all(List<FailureTriggers> items) {
        Set<String> failures = new HashSet<>();
        Set<Integer> statuses = new HashSet<>();
        for (FailureTriggers item : items) {
            failures.addAll(item.failures());
            statuses.addAll(item.statuses());
        }
        return new FailureTriggers(failures, statuses);
    }

    private static FailureTriggers item(String text) {
        if (STATUS.matcher(text).matches()) {
            int status = Integer.parseInt(text);
            if (status < 100 || status > 599) {
                throw new UnexpectedValue("a status from 100 to 599, or a class such as 5xx");
            }
            return new FailureTriggers(Set.of(), Set.of(status));
        }
        if (STATUS_CLASS.matcher(text).matches()) {
            int first = (text.charAt(0) - '0') * 100;
            return new FailureTriggers(
                    Set.of(),
                    Set.copyOf(Stream.iterate(first, status -> status + 1)
                            .limit(100)
                            .toList()));
        }
        if (RetryConfig.FAILURE_NAMES.contains(text)) {
            return new FailureTriggers(Set.of(text), Set.of());
        }
        throw new UnexpectedValue(EXPECTED + DidYouMean.hint(text, FAILURE_NAMES));
    }
}

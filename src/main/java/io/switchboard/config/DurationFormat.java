package io.switchboard.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The way the config writes durations: a whole number with a unit, {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h},
 * {@code 7d}, or several of them together, {@code 1h30m}.
 */
public final class DurationFormat {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationFormat() {}

    /**
     * Reads a duration such as {@code 250ms}, {@code 2s} or {@code 1h30m}. A bare number is refused: a unit is always
     * required, because {@code timeout: 30} reads as seconds to one person and milliseconds to the next.
     *
     * @throws IllegalArgumentException when the text is no such duration
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return total;
    }

    /** Returns the duration as the config writes it, in its largest whole units: {@code 90s} is {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        if (duration.isNegative()) {
            text.append('-');
            duration = duration.negated();
        }
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        // Below a millisecond there is no unit to write it in; it reads as nothing, like zero.
        return text.length() == 0 || text.toString().equals("-") ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}

package io.switchboard.probe;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How probes write numbers, durations, times and failures in results, reasons and events. */
final class ProbeText {
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final int LONGEST_CAUSE = 200;

    private ProbeText() {}

    /** Returns a number without a needless fraction: {@code 12}, {@code 0.5}, {@code -3.25}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Returns a duration in the unit a reader expects: {@code 12ms}, {@code 2.4s}, {@code 5m}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return number(millis / 1000.0) + "s";
    }

    /** Returns the wall-clock time of {@code instant} in {@code zone}: {@code 14:02 UTC}. */
    static String time(Instant instant, ZoneId zone) {
        String zoneName = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        return CLOCK_TIME.withZone(zone).format(instant) + " " + zoneName;
    }

    /** Returns a failure in one line: its message, or its type when it has none; cut short when long. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        return shorten(text.replaceAll("\\s+", " ").strip());
    }

    /** Returns the text cut to 200 characters, with an ellipsis when it was longer. */
    static String shorten(String text) {
        return text.length() <= LONGEST_CAUSE ? text : text.substring(0, LONGEST_CAUSE) + "...";
    }

    /** Returns the text quoted for a message, cut short when long. */
    static String quoted(String text) {
        return "\"" + shorten(text) + "\"";
    }
}

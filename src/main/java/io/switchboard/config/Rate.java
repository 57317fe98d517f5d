package io.switchboard.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate of requests, written in YAML as {@code 10/s}, {@code 600/m} or {@code 5000/h}.
 *
 * @param permits how many requests the period allows, at least 1
 * @param period the period the permits refill over
 */
public record Rate(int permits, Duration period) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,10})\\s*/\\s*([smh])");

    public Rate {
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs at least one permit over a positive period");
        }
    }

    /**
     * Reads {@code 10/s}, {@code 600/m} or {@code 5000/h}.
     *
     * @throws IllegalArgumentException when the text is no such rate or has fewer than one permit
     */
    public static Rate parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a rate: " + text);
        }
        long permits = Long.parseLong(matcher.group(1));
        if (permits < 1 || permits > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a rate has from 1 to " + Integer.MAX_VALUE + " permits: " + text);
        }
        Duration period = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new Rate((int) permits, period);
    }

    /** Returns the rate in requests per second. */
    public double perSecond() {
        return permits * 1_000_000_000.0 / period.toNanos();
    }
}

package io.switchboard.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A share, written in YAML as {@code 50%} (or a plain number 0 to 100).
 *
 * @param percent the value in percent, from 0 to 100
 */
public record Percentage(double percent) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)\\s*%?");

    public Percentage {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentage lies between 0 and 100: " + percent);
        }
    }

    /**
     * Reads {@code 50%}, {@code 12.5%} or a plain number from 0 to 100.
     *
     * @throws IllegalArgumentException when the text is no such share
     */
    public static Percentage parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a percentage: " + text);
        }
        return new Percentage(Double.parseDouble(matcher.group(1)));
    }

    /** Returns the share as a fraction from 0 to 1. */
    public double fraction() {
        return percent / 100.0;
    }
}

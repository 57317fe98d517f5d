package io.switchboard.config;

/**
 * A share, written in YAML as {@code 50%} (or a plain number 0 to 100).
 *
 * @param percent the value in percent, from 0 to 100
 */
public record Percentage(double percent) {
    public Percentage {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentage lies between 0 and 100: " + percent);
        }
    }

    /** Returns the share as a fraction from 0 to 1. */
    public double fraction() {
        return percent / 100.0;
    }
}

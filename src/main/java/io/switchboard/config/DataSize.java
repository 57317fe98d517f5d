package io.switchboard.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, written in YAML as {@code 512}, {@code 8KiB}, {@code 10MiB} or {@code 1GiB} (powers of 1024;
 * {@code KB}, {@code MB}, {@code GB} are read as the same powers of 1024 because that is what people mean in configs).
 *
 * @param bytes the number of bytes, never negative
 */
public record DataSize(long bytes) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,19})\\s*([A-Za-z]*)");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is never negative: " + bytes);
        }
    }

    /**
     * Reads {@code 512}, {@code 512B}, {@code 8KiB}, {@code 10MiB}, {@code 1GiB} (or KB, MB, GB, read as powers of 1024;
     * units in any case).
     *
     * @throws IllegalArgumentException when the text is no such size, or too large for a long
     */
    public static DataSize parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        long factor = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1;
            case "KIB", "KB" -> 1024;
            case "MIB", "MB" -> 1024 * 1024;
            case "GIB", "GB" -> 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("not a size unit: " + text);
        };
        try {
            return new DataSize(Math.multiplyExact(Long.parseLong(matcher.group(1)), factor));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("too large a size: " + text, e);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKibibytes(long kib) {
        return new DataSize(kib * 1024);
    }

    public static DataSize ofMebibytes(long mib) {
        return new DataSize(mib * 1024 * 1024);
    }

    /** Returns the size as an int, capped at {@link Integer#MAX_VALUE}, for APIs that take ints. */
    public int toIntCapped() {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}

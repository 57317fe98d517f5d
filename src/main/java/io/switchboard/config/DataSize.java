package io.switchboard.config;

/**
 * An amount of bytes, written in YAML as {@code 512}, {@code 8KiB}, {@code 10MiB} or {@code 1GiB} (powers of 1024;
 * {@code KB}, {@code MB}, {@code GB} are read as the same powers of 1024 because that is what people mean in configs).
 *
 * @param bytes the number of bytes, never negative
 */
public record DataSize(long bytes) {
    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is never negative: " + bytes);
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

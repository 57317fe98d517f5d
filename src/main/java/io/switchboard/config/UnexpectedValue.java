package io.switchboard.config;

/**
 * Thrown by a value's parser when the value is wrong in a way worth saying more precisely than the type's usual
 * expectation; the binder turns it into a problem and carries on.
 */
final class UnexpectedValue extends IllegalArgumentException {
    private final String expected;

    /** {@code expected} says what would have been right; it never holds the value itself, which may be secret. */
    UnexpectedValue(String expected) {
        super(expected);
        this.expected = expected;
    }

    String expected() {
        return expected;
    }
}

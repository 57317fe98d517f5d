package io.switchboard.policy.charset;

import java.nio.charset.Charset;

/**
 * Why a body could not be converted: bytes that are not valid in the charset they are read in, or a character the
 * target charset cannot represent. It travels through a body stream's exception handler, the only way a stream can
 * fail, and the policy turns it into a problem answer; it is never a bug.
 */
final class UnconvertibleTextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Reason {
        /** The bytes are not valid in the charset they are read in (or end in the middle of a character). */
        MALFORMED,
        /** A character has no representation in the charset it is written in. */
        UNMAPPABLE
    }

    private final Reason reason;
    private final transient Charset charset;
    private final long byteOffset;
    private final long characterOffset;
    private final int codePoint;
    private final boolean inFormField;

    private UnconvertibleTextException(
            Reason reason, Charset charset, long byteOffset, long characterOffset, int codePoint, boolean inFormField) {
        // No stack trace: this is an answer about the data, and it can be frequent under a misconfigured caller.
        super(reason + " " + charset.name(), null, false, false);
        this.reason = reason;
        this.charset = charset;
        this.byteOffset = byteOffset;
        this.characterOffset = characterOffset;
        this.codePoint = codePoint;
        this.inFormField = inFormField;
    }

    /** Returns the exception for bytes not valid in {@code charset}, starting at {@code byteOffset} of the body. */
    static UnconvertibleTextException malformed(Charset charset, long byteOffset) {
        return new UnconvertibleTextException(Reason.MALFORMED, charset, byteOffset, -1, -1, false);
    }

    /** Returns the exception for {@code codePoint}, at {@code characterOffset} of the text, missing from {@code charset}. */
    static UnconvertibleTextException unmappable(Charset charset, long characterOffset, int codePoint) {
        return new UnconvertibleTextException(Reason.UNMAPPABLE, charset, -1, characterOffset, codePoint, false);
    }

    /**
     * Returns this problem placed in the form field that starts at {@code fieldOffset} of the raw body: offsets inside a
     * percent-decoded field say little about where the caller should look.
     */
    UnconvertibleTextException inFormField(long fieldOffset) {
        return new UnconvertibleTextException(reason, charset, fieldOffset, -1, codePoint, true);
    }

    Reason reason() {
        return reason;
    }

    /** Returns the charset the body could not be read in ({@link Reason#MALFORMED}) or written in. */
    Charset charset() {
        return charset;
    }

    /** Returns the byte offset from the body's start (of the form field when in a form), or -1 when unknown. */
    long byteOffset() {
        return byteOffset;
    }

    /** Returns the offset in code points of the unmappable character from the text's start, or -1 when unknown. */
    long characterOffset() {
        return characterOffset;
    }

    /** Returns the unmappable character's code point, or -1 for malformed input. */
    int codePoint() {
        return codePoint;
    }

    /**
     * Returns a sentence about {@code subject} (for example "the request body") naming the problem and where it is.
     */
    String describe(String subject) {
        String where = inFormField
                ? "in the form field starting at byte offset " + byteOffset
                : reason == Reason.MALFORMED
                        ? "at byte offset " + byteOffset
                        : "at character offset " + characterOffset;
        if (reason == Reason.MALFORMED) {
            return subject + " is not valid " + charset.name() + " " + where;
        }
        return subject + " has the character " + character(codePoint) + " " + where + ", which " + charset.name()
                + " cannot represent";
    }

    /** Returns {@code U+XXXX (NAME)} for a code point, the form Unicode uses, safe for any character. */
    static String character(int codePoint) {
        String hex = String.format(java.util.Locale.ROOT, "U+%04X", codePoint);
        String name = Character.isValidCodePoint(codePoint) ? Character.getName(codePoint) : null;
        return name == null ? hex : hex + " (" + name + ")";
    }
}

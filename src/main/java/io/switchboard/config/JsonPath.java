package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed JSON path of the small dialect {@code mask.json} accepts: {@code $.card.number}, {@code $..cvv},
 * {@code $.items[*].pan}, {@code $.items[0].pan}, {@code $['odd name']}, {@code $.card.*}.
 *
 * @param text the path as written
 * @param steps the steps from the root, at least one
 */
public record JsonPath(String text, List<Step> steps) {
    /** The most steps a path may have (masking keeps one bit per step). */
    public static final int MAX_STEPS = 32;

    /** What one step matches. */
    public enum Kind {
        /** An object member with the step's name. */
        NAME,
        /** Any object member or array element ({@code *}). */
        ANY,
        /** The array element with the step's index. */
        INDEX
    }

    /**
     * One step of a path.
     *
     * @param descendant whether the step matches at any depth below the previous one ({@code ..}) or only one level
     *     down ({@code .} and {@code [ ]})
     * @param kind what the step matches
     * @param name the member name for {@link Kind#NAME}, empty otherwise
     * @param index the array index for {@link Kind#INDEX}, -1 otherwise
     */
    public record Step(boolean descendant, Kind kind, String name, int index) {
        /** Returns whether this step matches an object member called {@code member}. */
        public boolean matchesName(String member) {
            return kind == Kind.ANY || (kind == Kind.NAME && name.equals(member));
        }

        /** Returns whether this step matches the array element at {@code position}. */
        public boolean matchesIndex(int position) {
            return kind == Kind.ANY || (kind == Kind.INDEX && index == position);
        }
    }

    public JsonPath {
        Objects.requireNonNull(text, "text");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one step");
        }
    }

    /** Returns the name the last step matches, or null when it matches by index or {@code *}. */
    public @Nullable String lastName() {
        Step last = steps.get(steps.size() - 1);
        return last.kind() == Kind.NAME ? last.name() : null;
    }

    /**
     * Returns the path the text stands for.
     *
     * @throws IllegalArgumentException when it stands for none; the message says where and what was expected there,
     *     without quoting the text
     */
    public static JsonPath parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with $");
        }
        List<Step> steps = new ArrayList<>();
        int at = 1;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.') {
                boolean descendant = at + 1 < text.length() && text.charAt(at + 1) == '.';
                at += descendant ? 2 : 1;
                if (descendant && at < text.length() && text.charAt(at) == '[') {
                    at = bracket(text, at, true, steps);
                } else {
                    at = dotted(text, at, descendant, steps);
                }
            } else if (c == '[') {
                at = bracket(text, at, false, steps);
            } else {
                throw new IllegalArgumentException(
                        "character " + (at + 1) + " should start a step with '.', '..' or '['");
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one step after $, as in $.card.number");
        }
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a path has at most " + MAX_STEPS + " steps");
        }
        return new JsonPath(text, steps);
    }

    private static int dotted(String text, int at, boolean descendant, List<Step> steps) {
        if (at < text.length() && text.charAt(at) == '*') {
            steps.add(new Step(descendant, Kind.ANY, "", -1));
            return at + 1;
        }
        int end = at;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        if (end == at) {
            throw new IllegalArgumentException("character " + (at + 1) + " should start a member name or * after '"
                    + (descendant ? ".." : ".") + "'");
        }
        steps.add(new Step(descendant, Kind.NAME, text.substring(at, end), -1));
        return end;
    }

    private static int bracket(String text, int open, boolean descendant, List<Step> steps) {
        int at = open + 1;
        if (at < text.length() && text.charAt(at) == '*') {
            steps.add(new Step(descendant, Kind.ANY, "", -1));
            return close(text, at + 1);
        }
        if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
            char quote = text.charAt(at);
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("the quoted name at character " + (at + 1) + " is not closed");
            }
            if (end == at + 1) {
                throw new IllegalArgumentException("the quoted name at character " + (at + 1) + " is empty");
            }
            steps.add(new Step(descendant, Kind.NAME, text.substring(at + 1, end), -1));
            return close(text, end + 1);
        }
        int end = at;
        while (end < text.length() && end - at < 9 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        if (end == at) {
            throw new IllegalArgumentException(
                    "character " + (at + 1) + " should be an array index, * or a quoted name inside [ ]");
        }
        steps.add(new Step(descendant, Kind.INDEX, "", Integer.parseInt(text.substring(at, end))));
        return close(text, end);
    }

    private static int close(String text, int at) {
        if (at >= text.length() || text.charAt(at) != ']') {
            throw new IllegalArgumentException("character " + (at + 1) + " should be ']'");
        }
        return at + 1;
    }

    private static boolean isNameChar(char c) {
        return c != '.' && c != '[' && c != ']' && c != '*' && c != '\'' && c != '"' && !Character.isWhitespace(c);
    }
}

package io.switchboard.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.ResourceConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a resource's number from a probe's answer: at a JSON pointer, or in a regular expression's first group. An
 * answer that holds no number (an error status, a body that is not JSON, a pointer to nothing, a word) gives a reason
 * instead, so the reading is recorded as failed.
 */
final class ValueExtraction {
    /** How long a regular expression may search one body before the reading fails (a backtracking pattern could hang). */
    static final Duration REGEX_BUDGET = Duration.ofSeconds(1);

    private ValueExtraction() {}

    /**
     * What was read.
     *
     * @param value the number, or null when none could be read
     * @param failure why no number could be read; empty when one was
     */
    record Extracted(@Nullable Double value, String failure) {
        static Extracted of(double value) {
            return new Extracted(value, "");
        }

        static Extracted failed(String failure) {
            return new Extracted(null, failure);
        }
    }

    /**
     * Returns the number in the answer, or why there is none.
     *
     * @param regex the compiled pattern of a {@link ResourceConfig.RegexGroup}, compiled once by the caller; ignored for
     *     a JSON pointer
     */
    static Extracted extract(ResourceConfig.Extraction extraction, @Nullable Pattern regex, ProbeAnswer answer) {
        if (answer instanceof ProbeAnswer.Failed failed) {
            return Extracted.failed(failed.reason());
        }
        ProbeAnswer.Received received = (ProbeAnswer.Received) answer;
        if (received.status() < 200 || received.status() > 299) {
            return Extracted.failed("the provider answered " + received.status() + ", not a 2xx status");
        }
        return switch (extraction) {
            case ResourceConfig.JsonValue json -> fromJson(json.pointer(), received);
            case ResourceConfig.RegexGroup group ->
                fromRegex(group.pattern(), regex == null ? Pattern.compile(group.pattern()) : regex, received);
        };
    }

    private static Extracted fromJson(String pointer, ProbeAnswer.Received received) {
        JsonBody json = JsonBody.parse(received);
        JsonNode found = json.at(pointer);
        String where = pointer.isEmpty() ? "the whole body" : pointer;
        if (found == null) {
            return Extracted.failed("no number at " + where + ": " + json.problem());
        }
        if (found.isMissingNode()) {
            return Extracted.failed("no number at " + where + ": the body has nothing there");
        }
        BigDecimal number = null;
        if (found.isNumber()) {
            number = found.decimalValue();
        } else if (found.isTextual()) {
            // Providers often quote amounts ("balance": "12.50"); a quoted number still counts.
            number = JsonBody.decimal(found.textValue());
        }
        if (number == null) {
            return Extracted.failed("no number at " + where + ": found " + JsonBody.shown(found));
        }
        return finite(number, where);
    }

    private static Extracted fromRegex(String source, Pattern pattern, ProbeAnswer.Received received) {
        Matcher matcher =
                pattern.matcher(new BudgetedText(received.body(), System.nanoTime() + REGEX_BUDGET.toNanos()));
        boolean found;
        try {
            found = matcher.find();
        } catch (BudgetedText.OutOfTime e) {
            return Extracted.failed("the regex " + source + " searched the body for more than "
                    + ProbeText.duration(REGEX_BUDGET) + " without an answer");
        }
        if (!found) {
            return Extracted.failed("the regex " + source + " does not match the body"
                    + (received.truncated() ? " (its first 1 MiB)" : ""));
        }
        String group = matcher.group(1);
        if (group == null) {
            return Extracted.failed("the regex " + source + " matched, but its group 1 took part in no match");
        }
        BigDecimal number = JsonBody.decimal(group);
        if (number == null) {
            return Extracted.failed(
                    "the regex " + source + " matched " + ProbeText.quoted(group) + " in group 1, which is no number");
        }
        return finite(number, "group 1 of the regex " + source);
    }

    private static Extracted finite(BigDecimal number, String where) {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            return Extracted.failed(
                    "no number at " + where + ": " + ProbeText.shorten(number.toString()) + " is too large");
        }
        return Extracted.of(value);
    }

    /**
     * A body that a regular expression may read only until its deadline: past it, reading a character throws, which
     * ends any backtracking search.
     */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long deadlineNanos;
        private int reads;

        BudgetedText(String text, long deadlineNanos) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            // Reading the clock costs more than the character; every 4096th read is often enough.
            if ((++reads & 0xfff) == 0 && System.nanoTime() > deadlineNanos) {
                throw new OutOfTime();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }

        /** Thrown when the search ran out of time. */
        static final class OutOfTime extends RuntimeException {
            private static final long serialVersionUID = 1L;

            OutOfTime() {
                super("the regular expression ran out of time", null, false, false);
            }
        }
    }
}

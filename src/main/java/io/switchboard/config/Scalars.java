package io.switchboard.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The scalar types of the config language, each with the words its problems use for a right value. */
final class Scalars {
    private static final String DURATION_EXAMPLES = "such as 250ms, 2s, 5m, 1h or 7d";

    /** A duration of zero or more, with a unit. */
    static final ValueType<Duration> DURATION =
            ValueType.scalar("a duration with a unit, " + DURATION_EXAMPLES, DurationFormat::parse);

    /** A duration above zero, with a unit. */
    static final ValueType<Duration> POSITIVE_DURATION =
            ValueType.scalar("a duration above zero with a unit, " + DURATION_EXAMPLES, text -> {
                Duration duration = DurationFormat.parse(text);
                if (duration.isZero()) {
                    throw new IllegalArgumentException("zero");
                }
                return duration;
            });

    /** A size of zero bytes or more. */
    static final ValueType<DataSize> SIZE = ValueType.scalar("a size such as 512, 8KiB or 10MiB", DataSize::parse);

    /** A size above zero. */
    static final ValueType<DataSize> POSITIVE_SIZE =
            ValueType.scalar("a size above zero such as 8KiB or 10MiB", text -> {
                DataSize size = DataSize.parse(text);
                if (size.bytes() == 0) {
                    throw new IllegalArgumentException("zero");
                }
                return size;
            });

    /** A rate of requests. */
    static final ValueType<Rate> RATE = ValueType.scalar("a rate such as 10/s, 600/m or 5000/h", Rate::parse);

    /** A share from 0% to 100%. */
    static final ValueType<Percentage> PERCENTAGE =
            ValueType.scalar("a percentage from 0% to 100%, such as 50%", Percentage::parse);

    /** A share above 0% and up to 100%. */
    static final ValueType<Percentage> POSITIVE_PERCENTAGE = ValueType.scalar(
            "a percentage above 0% and up to 100%, such as 50%",
            text -> {
                Percentage percentage = Percentage.parse(text);
                if (percentage.percent() == 0) {
                    throw new IllegalArgumentException("zero");
                }
                return percentage;
            });

    /** A listen address. */
    static final ValueType<HostPort> ADDRESS =
            ValueType.scalar("an address such as 127.0.0.1:8080, [::1]:8080 or :8080", HostPort::parse);

    /** A yes-or-no setting; YAML 1.1's {@code yes}, {@code on} and friends are refused as too easy to misread. */
    static final ValueType<Boolean> BOOLEAN = ValueType.scalar("true or false", text -> switch (text) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("not a boolean");
    });

    /** Any text that is not blank. */
    static final ValueType<String> TEXT = ValueType.scalar("a text that is not blank", text -> {
        if (text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return text;
    });

    private static final Pattern DIGITS = Pattern.compile("\\+?\\d{1,10}");
    private static final Pattern URL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private Scalars() {}

    /** Returns the type of whole numbers from {@code minimum} to {@code maximum}. */
    static ValueType<Integer> wholeNumber(int minimum, int maximum) {
        String expected = maximum == Integer.MAX_VALUE
                ? "a whole number of at least " + minimum
                : "a whole number from " + minimum + " to " + maximum;
        return ValueType.scalar(expected, text -> {
            String trimmed = text.strip();
            if (!DIGITS.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("not a whole number");
            }
            long number = Long.parseLong(trimmed);
            if (number < minimum || number > maximum) {
                throw new IllegalArgumentException("out of range");
            }
            return (int) number;
        });
    }

    /** Returns the type of a name from a fixed set, hinting at the nearest one when the text is none of them. */
    static <E> ValueType<E> oneOf(Map<String, E> names) {
        List<String> written = List.copyOf(names.keySet());
        String expected = "one of " + String.join(", ", written);
        return ValueType.scalar(expected, text -> {
            @Nullable E found = names.get(text);
            if (found == null) {
                throw new UnexpectedValue(expected + DidYouMean.hint(text, written));
            }
            return found;
        });
    }

    /** Returns the type of a name used in URLs: lowercase letters, digits and dashes, at most 63 characters. */
    static ValueType<String> urlName(String expected) {
        return ValueType.scalar(expected, text -> {
            if (!isUrlName(text)) {
                throw new IllegalArgumentException("not a name");
            }
            return text;
        });
    }

    /** Returns whether the text is a connector id or capability name. */
    static boolean isUrlName(String text) {
        return text.length() <= 63 && URL_NAME.matcher(text).matches();
    }

    /** Returns the names of an enum's constants as YAML writes them: {@code LEAST_REQUESTS} is least-requests. */
    static <E extends Enum<E>> Map<String, E> yamlNames(Class<E> type) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            names.put(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'), constant);
        }
        return names;
    }
}

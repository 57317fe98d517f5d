package io.switchboard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ResourceConfig;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueExtractionTest {
    private static ProbeAnswer.Received answer(int status, String body) {
        return new ProbeAnswer.Received(status, "application/json", body, false, Duration.ofMillis(3));
    }

    private static ValueExtraction.Extracted byPointer(String pointer, ProbeAnswer answer) {
        return ValueExtraction.extract(new ResourceConfig.JsonValue(pointer), null, answer);
    }

    private static ValueExtraction.Extracted byRegex(String regex, ProbeAnswer answer) {
        return ValueExtraction.extract(new ResourceConfig.RegexGroup(regex), Pattern.compile(regex), answer);
    }

    @ParameterizedTest(name = "{0} in {1} reads {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/free          | {\"free\": 12}                       | 12",
                "/free          | {\"free\": 12.5}                     | 12.5",
                "/free          | {\"free\": -3}                       | -3",
                "/free          | {\"free\": \"12.50\"}                | 12.5",
                "/free          | {\"free\": \" 7 \"}                  | 7",
                "/free          | {\"free\": 1e3}                      | 1000",
                "/data/0/count  | {\"data\": [{\"count\": 4}]}         | 4",
                "''             | 42                                   | 42"
            })
    void readsNumbersAtJsonPointers(String pointer, String body, double value) {
        ValueExtraction.Extracted extracted = byPointer(pointer, answer(200, body));

        assertThat(extracted).isEqualTo(ValueExtraction.Extracted.of(value));
    }

    @ParameterizedTest(name = "{0} in {1} fails: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/free | {\"free\": \"many\"}  | no number at /free: found \"many\"",
                "/free | {\"free\": true}      | no number at /free: found true",
                "/free | {\"free\": null}      | no number at /free: found null",
                "/free | {\"free\": {}}        | no number at /free: found an object",
                "/free | {\"free\": [1]}       | no number at /free: found an array",
                "/free | {\"busy\": 3}         | no number at /free: the body has nothing there",
                "/free | {\"free\": 1e999}     | no number at /free: 1E+999 is too large",
                "/free | free=12               | no number at /free: the body is not JSON (Unrecognized token 'free':"
                        + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at"
                        + " line 1, column 1)",
                "/free | ''                    | no number at /free: the body is empty, not JSON"
            })
    void failsWithTheReasonWhenThePointerFindsNoNumber(String pointer, String body, String failure) {
        ValueExtraction.Extracted extracted = byPointer(pointer, answer(200, body));

        assertThat(extracted).isEqualTo(ValueExtraction.Extracted.failed(failure));
    }

    @ParameterizedTest(name = "{0} in {1}: {2} {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "free=(\\d+)             | couriers: free=12 busy=3 | 12   | ",
                "free=(-?\\d+(?:\\.\\d+)?) | free=-0.25             | -0.25 | ",
                "(\\d+) left             | only 5 left, hurry       | 5    | ",
                "free=(\\d+)             | free=                    | none | the regex free=(\\d+) does not match the"
                        + " body",
                "free=(\\w+)             | free=lots                | none | the regex free=(\\w+) matched \"lots\" in"
                        + " group 1, which is no number",
                "(?:free=(\\d+))?none=x  | none=x                   | none | the regex (?:free=(\\d+))?none=x matched,"
                        + " but its group 1 took part in no match"
            })
    void readsTheFirstGroupOfARegex(String regex, String body, @Nullable Double value, @Nullable String failure) {
        ValueExtraction.Extracted extracted = byRegex(regex, answer(200, body));

        assertThat(extracted)
                .isEqualTo(
                        value == null
                                ? ValueExtraction.Extracted.failed(failure == null ? "" : failure)
                                : ValueExtraction.Extracted.of(value));
    }

    @Test
    void failsOnAnAnswerThatIsNoSuccess() {
        ValueExtraction.Extracted extracted = byPointer("/free", answer(503, "{\"free\": 12}"));

        assertThat(extracted)
                .isEqualTo(ValueExtraction.Extracted.failed("the provider answered 503, not a 2xx status"));
    }

    @Test
    void failsWithTheReasonWhenNoAnswerCame() {
        ValueExtraction.Extracted extracted =
                byPointer("/free", new ProbeAnswer.Failed("connector 'sms' endpoint http://x could not be reached"));

        assertThat(extracted)
                .isEqualTo(ValueExtraction.Extracted.failed("connector 'sms' endpoint http://x could not be reached"));
    }

    @Test
    void stopsARegexThatBacktracksForTooLong() {
        String regex = "(.*a){30}";
        String body = "a".repeat(26);

        ValueExtraction.Extracted extracted = byRegex(regex, answer(200, body));

        assertThat(extracted)
                .isEqualTo(ValueExtraction.Extracted.failed(
                        "the regex (.*a){30} searched the body for more than 1s without an answer"));
    }
}

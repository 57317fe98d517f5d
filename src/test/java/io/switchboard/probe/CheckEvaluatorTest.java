package io.switchboard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Expectations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckEvaluatorTest {
    private static ProbeAnswer.Received answer(int status, String body) {
        return new ProbeAnswer.Received(status, "application/json", body, false, Duration.ofMillis(12));
    }

    private static Expectations status(@Nullable Integer status) {
        return new Expectations(status, null, Map.of(), null);
    }

    private static Expectations json(String pointer, String expected) {
        return new Expectations(null, null, Map.of(pointer, expected), null);
    }

    @ParameterizedTest(name = "expecting status {0}, an answer of {1} is ok: {2} ({3})")
    @CsvSource(
            delimiter = '|',
            nullValues = "any",
            value = {
                "any | 200 | true  | status 200 in 12ms",
                "any | 204 | true  | status 204 in 12ms",
                "any | 299 | true  | status 299 in 12ms",
                "any | 301 | false | expected a 2xx status, got 301",
                "any | 503 | false | expected a 2xx status, got 503",
                "200 | 200 | true  | status 200 in 12ms",
                "200 | 503 | false | expected status 200, got 503",
                "404 | 404 | true  | status 404 in 12ms",
                "201 | 200 | false | expected status 201, got 200"
            })
    void judgesTheStatus(@Nullable Integer expected, int actual, boolean ok, String message) {
        Verdict verdict = CheckEvaluator.evaluate(status(expected), answer(actual, "{}"));

        assertThat(verdict).isEqualTo(new Verdict(ok, message));
    }

    @ParameterizedTest(name = "body {0} contains \"ok\": {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "all ok here           | true",
                "OK                    | false",
                "''                    | false",
                "{\"status\": \"ok\"}  | true"
            })
    void judgesWhatTheBodyContains(String body, boolean ok) {
        Expectations expect = new Expectations(null, "ok", Map.of(), null);

        Verdict verdict = CheckEvaluator.evaluate(expect, answer(200, body));

        assertThat(verdict.ok()).isEqualTo(ok);
        if (!ok) {
            assertThat(verdict.message()).isEqualTo("expected the body to contain \"ok\"");
        }
    }

    @Test
    void saysOnlyTheFirstMebibyteWasSearchedInATruncatedBody() {
        Expectations expect = new Expectations(null, "needle", Map.of(), null);
        ProbeAnswer.Received truncated = new ProbeAnswer.Received(200, "text/plain", "hay", true, Duration.ofMillis(5));

        Verdict verdict = CheckEvaluator.evaluate(expect, truncated);

        assertThat(verdict).isEqualTo(new Verdict(false, "expected the body to contain \"needle\" in its first 1 MiB"));
    }

    @ParameterizedTest(name = "{0} at {1} in {2}: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ok      | /status   | {\"status\": \"ok\"}              | ",
                "ok      | /status   | {\"status\": \"degraded\"}        | expected \"ok\" at /status, found \"degraded\"",
                "ok      | /status   | {\"state\": \"ok\"}               | expected \"ok\" at /status, found nothing",
                "ok      | /status   | {\"status\": {\"a\": 1}}          | expected \"ok\" at /status, found an object",
                "ok      | /status   | {\"status\": [\"ok\"]}            | expected \"ok\" at /status, found an array",
                "7       | /count    | {\"count\": 7}                    | ",
                "7       | /count    | {\"count\": 7.0}                  | ",
                "7       | /count    | {\"count\": \"7\"}                | ",
                "7       | /count    | {\"count\": 8}                    | expected \"7\" at /count, found 8",
                "0.10    | /price    | {\"price\": 0.1}                  | ",
                "true    | /up       | {\"up\": true}                    | ",
                "true    | /up       | {\"up\": false}                   | expected \"true\" at /up, found false",
                "null    | /error    | {\"error\": null}                 | ",
                "null    | /error    | {\"error\": \"boom\"}             | expected \"null\" at /error, found \"boom\"",
                "b       | /a~1b/1   | {\"a/b\": [\"a\", \"b\"]}         | ",
                "x       | /m~0n     | {\"m~n\": \"x\"}                  | ",
                "pong    | ''        | \"pong\"                          | ",
                "ok      | /status   | <html>down</html>                 | expected \"ok\" at /status, but the body is not JSON"
                        + " (Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false') at line 1, column 1)",
                "ok      | /status   | {\"status\": \"ok\"                | expected \"ok\" at /status, but the body is not JSON"
                        + " (Unexpected end-of-input: expected close marker for Object at line 1, column 16)",
                "ok      | /status   | ''                                | expected \"ok\" at /status, but the body is empty, not"
                        + " JSON"
            })
    void judgesValuesAtJsonPointers(String expected, String pointer, String body, @Nullable String failure) {
        Verdict verdict = CheckEvaluator.evaluate(json(pointer, expected), answer(200, body));

        assertThat(verdict.message()).isEqualTo(failure == null ? "status 200 in 12ms" : failure);
        assertThat(verdict.ok()).isEqualTo(failure == null);
    }

    @Test
    void judgesLatencyAgainstItsLimitStrictly() {
        Expectations expect = new Expectations(null, null, Map.of(), Duration.ofMillis(12));

        Verdict verdict = CheckEvaluator.evaluate(expect, answer(200, ""));

        assertThat(verdict).isEqualTo(new Verdict(false, "expected an answer under 12ms, took 12ms"));
    }

    @Test
    void namesEveryFailedExpectationInOneMessage() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("/status", "ok");
        json.put("/queue", "0");
        Expectations expect = new Expectations(200, "healthy", json, Duration.ofMillis(10));
        ProbeAnswer.Received slowError = new ProbeAnswer.Received(
                503, "application/json", "{\"status\": \"down\", \"queue\": 0}", false, Duration.ofMillis(2400));

        Verdict verdict = CheckEvaluator.evaluate(expect, slowError);

        assertThat(verdict)
                .isEqualTo(new Verdict(
                        false,
                        "expected status 200, got 503; expected the body to contain \"healthy\"; expected \"ok\" at"
                                + " /status, found \"down\"; expected an answer under 10ms, took 2.4s"));
    }

    @Test
    void failsWithTheReasonWhenNoAnswerCame() {
        ProbeAnswer.Failed failed = new ProbeAnswer.Failed("no complete answer within 5s (the probe's timeout)");

        Verdict verdict = CheckEvaluator.evaluate(Expectations.DEFAULT, failed);

        assertThat(verdict).isEqualTo(new Verdict(false, "no complete answer within 5s (the probe's timeout)"));
    }

    @Test
    void refusesATruncatedBodyForJsonExpectations() {
        ProbeAnswer.Received truncated =
                new ProbeAnswer.Received(200, "application/json", "{\"status\": \"ok\"", true, Duration.ofMillis(5));

        Verdict verdict = CheckEvaluator.evaluate(json("/status", "ok"), truncated);

        assertThat(verdict.message())
                .isEqualTo("expected \"ok\" at /status, but the body is longer than 1 MiB, more than a probe reads");
    }
}

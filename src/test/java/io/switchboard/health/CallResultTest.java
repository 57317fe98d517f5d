package io.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallResultTest {

    @ParameterizedTest(name = "outcome {0} with status {1} counts as {2}")
    @CsvSource({
        "ok, 200, ANSWERED",
        "ok, 404, ANSWERED",
        "upstream-error, 500, FAILED",
        "upstream-error, 503, FAILED",
        "timeout, 504, FAILED",
        "upstream-unreachable, 502, FAILED",
        "switched-off, 503, REFUSED",
        "closed, 503, REFUSED",
        "rate-limited, 429, REFUSED",
        "overloaded, 503, REFUSED",
        "circuit-open, 503, REFUSED",
        "bad-request, 400, OTHER",
        "payload-too-large, 413, OTHER",
        "request-timeout, 408, OTHER",
        "caller-gone, 499, OTHER",
        "internal, 500, OTHER",
        "shutting-down, 503, OTHER",
        "some-later-kind, 502, FAILED",
        "some-later-kind, 400, OTHER"
    })
    void classifiesWhoseDoingAnOutcomeIs(String outcome, int status, CallResult expected) {
        assertThat(CallResult.of(outcome, status)).isEqualTo(expected);
    }
}

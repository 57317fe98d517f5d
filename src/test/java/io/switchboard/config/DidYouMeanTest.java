package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DidYouMeanTest {
    private static final List<String> KEYS =
            List.of("capability", "upstream", "retry", "circuit-breaker", "limits", "credentials", "connect-timeout");

    @ParameterizedTest(name = "\"{0}\" suggests \"{1}\"")
    @CsvSource({
        "retyr, retry",
        "rety, retry",
        "upstraem, upstream",
        "circuit_breaker, circuit-breaker",
        "circuitBreaker, circuit-breaker",
        "Limits, limits",
        "credential, credentials",
        "conect-timeout, connect-timeout"
    })
    void suggestsTheNearestKnownName(String given, String expected) {
        Optional<String> suggestion = DidYouMean.nearest(given, KEYS);

        assertThat(suggestion).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" suggests nothing")
    @ValueSource(strings = {"schedule", "charset", "x", "timeout", "mask", "re"})
    void suggestsNothingWhenNoNameIsClose(String given) {
        Optional<String> suggestion = DidYouMean.nearest(given, KEYS);

        assertThat(suggestion).isEmpty();
    }
}

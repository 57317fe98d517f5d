package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {
    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource({
        "250ms, PT0.25S",
        "2s, PT2S",
        "5m, PT5M",
        "1h, PT1H",
        "7d, PT168H",
        "1h30m, PT1H30M",
        "0s, PT0S",
        "' 2s ', PT2S"
    })
    void readsDurationsWithUnits(String text, Duration expected) {
        Duration read = DurationFormat.parse(text);

        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"30", "", "2 s", "2S", "1.5s", "-2s", "2sec", "ms", "s2", "2ns", "1w"})
    void refusesBareNumbersAndUnknownUnits(String text) {
        assertThatThrownBy(() -> DurationFormat.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT0.25S, 250ms", "PT2S, 2s", "PT90S, 1m30s", "PT168H, 7d", "PT0S, 0s", "PT0.000001S, 0s"})
    void writesDurationsInTheirLargestUnits(Duration duration, String expected) {
        String written = DurationFormat.format(duration);

        assertThat(written).isEqualTo(expected);
    }
}

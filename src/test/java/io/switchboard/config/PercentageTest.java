package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentageTest {
    @ParameterizedTest(name = "\"{0}\" is {1} percent")
    @CsvSource({"50%, 50", "0%, 0", "100%, 100", "12.5%, 12.5", "50, 50", "'50 %', 50"})
    void readsPercentagesWithOrWithoutTheSign(String text, double percent) {
        Percentage read = Percentage.parse(text);

        assertThat(read.percent()).isEqualTo(percent);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "half", "101%", "150", "-5%", "0.5x", "%"})
    void refusesWhatIsNoShare(String text) {
        assertThatThrownBy(() -> Percentage.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

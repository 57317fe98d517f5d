package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {
    @ParameterizedTest(name = "\"{0}\" is {1} bytes")
    @CsvSource({
        "512, 512",
        "512B, 512",
        "0, 0",
        "8KiB, 8192",
        "8KB, 8192",
        "8kib, 8192",
        "10MiB, 10485760",
        "10MB, 10485760",
        "1GiB, 1073741824",
        "1GB, 1073741824",
        "'64 KiB', 65536"
    })
    void readsSizesInPowersOf1024(String text, long bytes) {
        DataSize read = DataSize.parse(text);

        assertThat(read.bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "KiB", "-1", "1.5MiB", "8TiB", "8 kilobytes", "99999999999999GiB"})
    void refusesWhatIsNoSize(String text) {
        assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

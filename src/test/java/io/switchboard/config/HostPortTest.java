package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
    @ParameterizedTest(name = "\"{0}\" is host {1}, port {2}")
    @CsvSource({
        "127.0.0.1:8080, 127.0.0.1, 8080",
        "localhost:0, localhost, 0",
        "[::1]:8081, ::1, 8081",
        ":8080, 0.0.0.0, 8080",
        "0.0.0.0:65535, 0.0.0.0, 65535"
    })
    void readsHostAndPort(String text, String host, int port) {
        HostPort read = HostPort.parse(text);

        assertThat(read).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"8080", "localhost", "host:", "host:http", "host:65536", "::1:8080", "[::1]8080", "a b:80"})
    void refusesWhatIsNoAddress(String text) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} prints as {0}")
    @ValueSource(strings = {"127.0.0.1:8080", "[::1]:8081"})
    void printsAsWritten(String text) {
        assertThat(HostPort.parse(text)).hasToString(text);
    }
}

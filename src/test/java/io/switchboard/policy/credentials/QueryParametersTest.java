package io.switchboard.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParametersTest {

    @ParameterizedTest(name = "[{0}] becomes [{1}]")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "NULL, key=S",
                "'', key=S",
                "a=1, a=1&key=S",
                "key=mine, key=S",
                "key, key=S",
                "key=, key=S",
                "a=1&key=mine&b=2, a=1&key=S&b=2",
                "key=1&a=%20&key=2&key=3, key=S&a=%20",
                "a=1&&b=2, a=1&&b=2&key=S",
                "a=1&, a=1&&key=S",
                "k%65y=mine&z=9, key=S&z=9",
                "ke+y=1, ke+y=1&key=S",
                "KEY=1, KEY=1&key=S",
                "keys=1&x=key, keys=1&x=key&key=S",
                "a=%zz&key=1, a=%zz&key=S",
                "a=%E2%82%AC&key=1;x=2, a=%E2%82%AC&key=S"
            })
    void replacesEveryParameterOfTheNameAndKeepsTheRestByteForByte(@Nullable String query, String expected) {
        String replaced = QueryParameters.replace(query, "key", "key=S");

        assertThat(replaced).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] is encoded as [{1}]")
    @CsvSource({
        "plain-text_1.2~, plain-text_1.2~",
        "'a b', a%20b",
        "s3cr&t=/?#, s3cr%26t%3D%2F%3F%23",
        "ü€, %C3%BC%E2%82%AC"
    })
    void encodesEverythingButUnreservedCharacters(String text, String encoded) {
        assertThat(QueryParameters.encode(text)).isEqualTo(encoded);
    }
}

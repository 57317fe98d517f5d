package io.switchboard.journal.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderMaskTest {
    private static final Masker MASKER =
            Masker.of(new MaskConfig(List.of(), List.of("X-Signature"), List.of(), List.of()), List.of("s3cret"));

    @ParameterizedTest(name = "{0}: {1} is kept as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Authorization        | Bearer eyJhbGciOi.xyz              | Bearer ***
            authorization        | Basic c2hvcDpodW50ZXIy             | Basic ***
            Authorization        | bearer abc                         | bearer ***
            Authorization        | eyJhbGciOi.xyz                     | ***
            Authorization        | MySecretScheme abc                 | ***
            Proxy-Authorization  | Basic c2hvcDpodW50ZXIy             | Basic ***
            Cookie               | session=abc; theme=dark            | session=***; theme=***
            Cookie               | lonely                             | ***
            Set-Cookie           | id=abc; Path=/; Secure; HttpOnly   | id=***; Path=/; Secure; HttpOnly
            Set-Cookie           | id=abc                             | id=***
            Switchboard-Api-Key  | key-123                            | ***
            X-Api-Key            | key-123                            | ***
            X-Signature          | sha256=abcdef                      | ***
            x-signature          | Token abc                          | Token ***
            Content-Type         | application/json                   | application/json
            X-Card               | 4111 1111 1111 1111                | 4111 **** **** 1111
            X-Echo               | was s3cret                         | was ***
            """)
    void masksHeaders(String name, String value, String masked) {
        assertThat(MASKER.header(name, value)).isEqualTo(masked);
    }

    @Test
    void returnsAHeaderWithNothingToMaskAsTheSameString() {
        String value = "gzip, deflate";

        assertThat(MASKER.header("Accept-Encoding", value)).isSameAs(value);
    }
}

package io.switchboard.journal.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValuesTest {
    private static final String TOKEN = "tok_9f8e7d6c5b4a";
    private static final String PASSWORD = "p@ss word/42\"x";
    private static final Masker MASKER =
            Masker.of(MaskConfig.NONE, List.of("Bearer " + TOKEN, PASSWORD, "shop:" + PASSWORD));

    @ParameterizedTest(name = "masks a secret {0}")
    @CsvSource(delimiter = '|', textBlock = """
            at the start of a body  | {SECRET} was sent
            in the middle of a body | we sent {SECRET} upstream
            at the end of a body    | we sent {SECRET}
            as the whole body       | {SECRET}
            twice in a row          | {SECRET}{SECRET}
            inside a word           | abc{SECRET}def
            """)
    void masksASecretInEveryPositionOfABody(String where, String template) {
        for (String secret : List.of(TOKEN, "Bearer " + TOKEN, PASSWORD)) {
            String body = template.replace("{SECRET}", secret);

            String masked = body(body, false, "text/plain");

            assertThat(masked).as(body).doesNotContain(secret).contains("***");
        }
    }

    @ParameterizedTest(name = "masks the secret {0}")
    @ValueSource(
            strings = {"URL-encoded as a form", "percent-encoded", "percent-encoded in lower case", "JSON-escaped"})
    void masksTheEncodedFormsOfASecret(String form) {
        String encoded = switch (form) {
            case "URL-encoded as a form" -> URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
            case "percent-encoded" ->
                URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");
            case "percent-encoded in lower case" ->
                URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        .replace("+", "%20")
                        .replace("%2F", "%2f");
            default -> PASSWORD.replace("\"", "\\\"");
        };

        String masked = MASKER.text("sent " + encoded + " along");

        assertThat(masked).isEqualTo("sent *** along");
    }

    @ParameterizedTest(name = "masks Basic auth for user {0} knowing only the password")
    @ValueSource(strings = {"shop", "a", "ab", "abc", "someone-else", "Ünïcode"})
    void masksBase64BasicCredentialsForAnyUser(String user) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        String masked = body("{\"echo\":\"Basic " + basic + "\"}", false, "application/json");

        assertThat(masked).isEqualTo("{\"echo\":\"Basic ***\"}");
    }

    @Test
    void masksUrlSafeBase64OfASecret() {
        String encoded =
                Base64.getUrlEncoder().withoutPadding().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));

        assertThat(MASKER.text("state=" + encoded)).isEqualTo("state=***");
    }

    @Test
    void masksTheTokenOfACredentialHeaderValueAlone() {
        assertThat(MASKER.text("token " + TOKEN + " expired")).isEqualTo("token *** expired");
    }

    @Test
    void masksSecretsInThePathAndTheQuery() {
        String target = "/v1/" + TOKEN + "/x?api_key=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);

        assertThat(MASKER.pathAndQuery(target)).isEqualTo("/v1/***/x?api_key=***");
    }

    @Test
    void masksSecretsInHeadersThatAreNotMaskedThemselves() {
        assertThat(MASKER.header("X-Debug", "called with " + TOKEN)).isEqualTo("called with ***");
    }

    @Test
    void masksTheStartOfASecretCutOffAtTheEndOfATruncatedBody() {
        String captured = "token=" + TOKEN.substring(0, 6);

        assertThat(body(captured, true, "text/plain")).isEqualTo("token=***");
        assertThat(body(captured, false, "text/plain")).isEqualTo(captured);
    }

    @Test
    void masksSecretsInErrorMessages() {
        String message = "connect to https://pay.example/?key=" + TOKEN + " failed";

        assertThat(MASKER.text(message)).isEqualTo("connect to https://pay.example/?key=*** failed");
    }

    @Test
    void leavesTextWithoutSecretsAsTheSameString() {
        String text = "Bearer is a word, tok_ is a prefix";

        assertThat(MASKER.text(text)).isSameAs(text);
    }

    private static String body(String text, boolean truncated, String contentType) {
        return new String(
                MASKER.body(text.getBytes(StandardCharsets.UTF_8), truncated, contentType), StandardCharsets.UTF_8);
    }
}

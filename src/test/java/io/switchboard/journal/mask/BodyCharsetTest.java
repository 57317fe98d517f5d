package io.switchboard.journal.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies in UTF-16, UTF-32 and legacy charsets are masked like UTF-8 ones, and kept as UTF-8. */
class BodyCharsetTest {
    private static final String PAN = "4111111111111111";
    private static final String BODY = "{\"card\":{\"number\":\"" + PAN + "\",\"cvv\":\"123\"},\"name\":\"Пётр\"}";
    private static final Charset UTF_32 = Charset.forName("UTF-32");

    private final Masker masker =
            Masker.of(new MaskConfig(List.of("$..cvv"), List.of(), List.of(), List.of()), List.of("courier-key-77"));

    @Test
    void masksACardNumberAndAJsonPathInADeclaredUtf16Body() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_16LE);

        String kept = utf8(masker.body(body, false, "application/json; charset=UTF-16LE"));

        assertThat(kept).contains("\"name\":\"Пётр\"").doesNotContain(PAN).doesNotContain("\"123\"");
        assertThat(kept).contains("4111").contains("1111");
    }

    @Test
    void findsUtf16AndUtf32ByTheirByteOrderMarkWhenNoCharsetIsDeclared() {
        for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            byte[] body = withMark(charset, BODY);
            assertThat(utf8(masker.body(body, false, "application/json")))
                    .as(charset.name())
                    .startsWith("{\"card\"")
                    .doesNotContain(PAN);
        }
        assertThat(utf8(masker.body(withMark(Charset.forName("UTF-32LE"), BODY), false, null)))
                .startsWith("{\"card\"")
                .doesNotContain(PAN);
        assertThat(utf8(masker.body(BODY.getBytes(UTF_32), false, "text/plain; charset=utf-32")))
                .doesNotContain(PAN);
        // Any type the journal shows as text, not only JSON and XML.
        assertThat(utf8(masker.body(withMark(StandardCharsets.UTF_16LE, "card: " + PAN), false, "application/yaml")))
                .startsWith("card: 4111")
                .doesNotContain(PAN);
    }

    @Test
    void masksASecretAndShowsTextInALegacySingleByteCharset() {
        String text = "ключ courier-key-77, карта " + PAN;
        byte[] body = text.getBytes(Charset.forName("windows-1251"));

        String kept = utf8(masker.body(body, false, "text/plain; charset=\"windows-1251\""));

        assertThat(kept).startsWith("ключ ").contains("карта 4111").doesNotContain("courier-key-77");
        assertThat(kept).doesNotContain(PAN);
    }

    @Test
    void aCardNumberCutByTheLimitInsideAUtf16CharacterIsStillMasked() {
        byte[] whole = ("pay " + PAN).getBytes(StandardCharsets.UTF_16BE);
        // Cut after 12 digits and half of the 13th: the half character is left out, the run reaches the end.
        byte[] cut = Arrays.copyOf(whole, ("pay ".length() + 12) * 2 + 1);

        String kept = utf8(masker.body(cut, true, "text/plain; charset=utf-16be"));

        assertThat(kept).startsWith("pay 4111").hasSize("pay ".length() + 12).doesNotContain("41111111");
    }

    @Test
    void masksACardNumberInAUtf8BodyDeclaredAsUtf16() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        String kept = utf8(masker.body(body, false, "application/json; charset=utf-16"));

        // Read as UTF-16 the bytes are other characters, whose code units still spell the digits two by two: the pass
        // over the bytes as they came must have masked them first.
        StringBuilder spelled = new StringBuilder();
        kept.chars().forEach(c -> spelled.append((char) (c >> 8)).append((char) (c & 0xff)));
        assertThat(spelled.toString()).doesNotContain(PAN).contains("4111");
    }

    @Test
    void leavesUtf8BinaryAndUnknownCharsetsAsTheyAre() {
        byte[] utf8 = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(BodyCharset.of("application/json; charset=utf-8", utf8)).isNull();
        assertThat(BodyCharset.of("application/json", utf8)).isNull();
        byte[] marked = withMark(StandardCharsets.UTF_16LE, "x");
        assertThat(BodyCharset.of("image/png", marked)).isNull();
        assertThat(BodyCharset.of("text/plain; charset=no-such-charset", marked))
                .isNull();
        assertThat(masker.body(utf8, false, "application/json")).isSameAs(utf8);
    }

    private static byte[] withMark(Charset charset, String text) {
        return ("\uFEFF" + text).getBytes(charset);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

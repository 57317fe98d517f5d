package io.switchboard.policy.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormTranscoderTest {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset UTF_8 = StandardCharsets.UTF_8;

    @Test
    void reencodesPercentEncodedTextAtEverySplit() {
        String form = "name=" + URLEncoder.encode("Иван Ёлкин", UTF_8) + "&city=" + URLEncoder.encode("Москва", UTF_8)
                + "&n=5";
        byte[] source = form.getBytes(StandardCharsets.US_ASCII);
        String expected = "name=" + URLEncoder.encode("Иван Ёлкин", CP1251) + "&city="
                + URLEncoder.encode("Москва", CP1251) + "&n=5";

        for (int first = 0; first <= source.length; first++) {
            for (int second = first; second <= source.length; second++) {
                byte[] converted =
                        TextTranscoderTest.convertInParts(new FormTranscoder(UTF_8, CP1251), source, first, second);

                assertThat(new String(converted, StandardCharsets.US_ASCII))
                        .as("split at %d and %d", first, second)
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "form \"{0}\" goes to windows-1251 as \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "a=b-c.d_e*f~g!(x)/y:z|a=b-c.d_e*f~g!(x)/y:z",
                "q=%41%42|q=AB",
                "p=100%|p=100%25",
                "p=%zz%4|p=%25zz%254",
                "a%26b=c%3Dd|a%26b=c%3Dd",
                "x=Ж|x=%C6",
                "&&=|&&=",
                "''|''"
            })
    void keepsTheFormsMeaning(String form, String expected) {
        byte[] converted = new FormTranscoder(UTF_8, CP1251)
                .convertAll(Buffer.buffer(form, "UTF-8"))
                .getBytes();

        assertThat(new String(converted, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void decodesTheProvidersFormIntoUtf8() {
        String form = "status=" + URLEncoder.encode("Доставлено", CP1251);

        byte[] converted = new FormTranscoder(CP1251, UTF_8)
                .convertAll(Buffer.buffer(form, "US-ASCII"))
                .getBytes();

        assertThat(new String(converted, StandardCharsets.US_ASCII))
                .isEqualTo("status=" + URLEncoder.encode("Доставлено", UTF_8));
    }

    @Test
    void namesTheFieldWithAnUnmappableCharacter() {
        String form = "a=1&comment=" + URLEncoder.encode("ok 中", UTF_8);

        UnconvertibleTextException e = catchThrowableOfType(
                UnconvertibleTextException.class,
                () -> new FormTranscoder(UTF_8, CP1251).convertAll(Buffer.buffer(form, "US-ASCII")));

        assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.UNMAPPABLE);
        assertThat(e.codePoint()).isEqualTo(0x4E2D);
        assertThat(e.describe("the request body")).contains("in the form field starting at byte offset 12");
    }

    @Test
    void refusesAnEscapedByteSequenceThatIsNotUtf8() {
        UnconvertibleTextException e = catchThrowableOfType(
                UnconvertibleTextException.class,
                () -> new FormTranscoder(UTF_8, CP1251).convertAll(Buffer.buffer("a=%D0&b=%FF", "US-ASCII")));

        assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.MALFORMED);
        assertThat(e.byteOffset()).isEqualTo(2);
    }
}

package io.switchboard.policy.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTranscoderTest {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset UTF_8 = StandardCharsets.UTF_8;
    private static final String RUSSIAN = "{\"courier\":\"Иван Ёлкин\",\"note\":\"№5 «Экспресс» — ок\"}";

    @Test
    void convertsUtf8ToWindows1251AtEverySplitOfTheBody() {
        byte[] source = RUSSIAN.getBytes(UTF_8);
        byte[] expected = RUSSIAN.getBytes(CP1251);

        for (int first = 0; first <= source.length; first++) {
            for (int second = first; second <= source.length; second++) {
                byte[] converted = convertInParts(new TextTranscoder(UTF_8, CP1251, false), source, first, second);

                assertThat(converted).as("split at %d and %d", first, second).isEqualTo(expected);
            }
        }
    }

    @Test
    void convertsWindows1251ToUtf8AtEverySplitOfTheBody() {
        byte[] source = RUSSIAN.getBytes(CP1251);
        byte[] expected = RUSSIAN.getBytes(UTF_8);

        for (int split = 0; split <= source.length; split++) {
            byte[] converted = convertInParts(new TextTranscoder(CP1251, UTF_8, false), source, split, split);

            assertThat(converted).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void keepsFourByteCharactersWholeAtEverySplit() {
        String text = "a😀b𝄞c";
        byte[] source = text.getBytes(UTF_8);

        for (int first = 0; first <= source.length; first++) {
            for (int second = first; second <= source.length; second++) {
                byte[] converted = convertInParts(new TextTranscoder(UTF_8, UTF_8, false), source, first, second);

                assertThat(new String(converted, UTF_8))
                        .as("split at %d and %d", first, second)
                        .isEqualTo(text);
            }
        }
    }

    @Test
    void convertsToUtf16WithSurrogatePairsSplitAnywhere() {
        String text = "ж😀z";
        byte[] source = text.getBytes(UTF_8);

        for (int split = 0; split <= source.length; split++) {
            byte[] converted =
                    convertInParts(new TextTranscoder(UTF_8, StandardCharsets.UTF_16BE, false), source, split, split);

            assertThat(converted).as("split at %d", split).isEqualTo(text.getBytes(StandardCharsets.UTF_16BE));
        }
    }

    @Test
    void passesEmptyChunksWithoutOutput() {
        TextTranscoder transcoder = new TextTranscoder(UTF_8, CP1251, false);

        Buffer empty = transcoder.convert(Buffer.buffer());

        assertThat(empty.length()).isZero();
        assertThat(transcoder.convert(Buffer.buffer(new byte[] {(byte) 0xD0})).length())
                .isZero();
        assertThat(transcoder.convert(Buffer.buffer()).length()).isZero();
        assertThat(transcoder.convert(Buffer.buffer(new byte[] {(byte) 0x96})).getBytes())
                .isEqualTo("Ж".getBytes(CP1251));
        assertThat(transcoder.finish().length()).isZero();
    }

    @Test
    void convertsALargeBodyInRandomChunks() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 1_000_000; i++) {
            text.append("Строка ").append(i).append(": съешь же ещё этих мягких французских булок.\n");
        }
        byte[] source = text.toString().getBytes(UTF_8);
        TextTranscoder transcoder = new TextTranscoder(UTF_8, CP1251, false);
        SplittableRandom random = new SplittableRandom(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        for (int at = 0; at < source.length; ) {
            int size = Math.min(source.length - at, random.nextInt(1, 9000));
            out.writeBytes(transcoder
                    .convert(Buffer.buffer(Arrays.copyOfRange(source, at, at + size)))
                    .getBytes());
            at += size;
        }
        out.writeBytes(transcoder.finish().getBytes());

        assertThat(out.toByteArray()).isEqualTo(text.toString().getBytes(CP1251));
    }

    @ParameterizedTest(name = "invalid UTF-8 at byte {0} is reported at that offset, wherever the body is split")
    @ValueSource(ints = {0, 1, 9, 20})
    void reportsMalformedInputWithItsByteOffset(int offset) {
        byte[] source = "{\"name\":\"Иван\",\"x\":1}".getBytes(UTF_8);
        source[offset] = (byte) 0xFF;

        for (int split = 0; split <= source.length; split++) {
            TextTranscoder transcoder = new TextTranscoder(UTF_8, CP1251, false);
            int at = split;

            UnconvertibleTextException e = catchThrowableOfType(
                    UnconvertibleTextException.class, () -> convertInParts(transcoder, source, at, at));

            assertThat(e).as("split at %d", split).isNotNull();
            assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.MALFORMED);
            assertThat(e.byteOffset()).as("split at %d", split).isEqualTo(offset);
            assertThat(e.charset()).isEqualTo(UTF_8);
        }
    }

    @Test
    void reportsABodyThatEndsInTheMiddleOfACharacter() {
        byte[] source = "ok Ж".getBytes(UTF_8);
        TextTranscoder transcoder = new TextTranscoder(UTF_8, CP1251, false);
        transcoder.convert(Buffer.buffer(Arrays.copyOf(source, source.length - 1)));

        UnconvertibleTextException e = catchThrowableOfType(UnconvertibleTextException.class, transcoder::finish);

        assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.MALFORMED);
        assertThat(e.byteOffset()).isEqualTo(3);
    }

    @Test
    void reportsTheByteWindows1251LeavesUndefined() {
        byte[] source = {'o', 'k', (byte) 0x98};

        UnconvertibleTextException e = catchThrowableOfType(
                UnconvertibleTextException.class,
                () -> new TextTranscoder(CP1251, UTF_8, false).convertAll(Buffer.buffer(source)));

        assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.MALFORMED);
        assertThat(e.byteOffset()).isEqualTo(2);
        assertThat(e.describe("the body")).isEqualTo("the body is not valid windows-1251 at byte offset 2");
    }

    @Test
    void refusesACharacterTheTargetCannotRepresentNamingItsPosition() {
        byte[] source = "Привет 😀 中".getBytes(UTF_8);

        for (int split = 0; split <= source.length; split++) {
            int at = split;

            UnconvertibleTextException e = catchThrowableOfType(
                    UnconvertibleTextException.class,
                    () -> convertInParts(new TextTranscoder(UTF_8, CP1251, false), source, at, at));

            assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.UNMAPPABLE);
            assertThat(e.characterOffset()).as("split at %d", split).isEqualTo(7);
            assertThat(e.codePoint()).isEqualTo(0x1F600);
        }
    }

    @Test
    void describesAnUnmappableCharacterByCodePointAndName() {
        UnconvertibleTextException e = catchThrowableOfType(
                UnconvertibleTextException.class,
                () -> new TextTranscoder(UTF_8, CP1251, false).convertAll(Buffer.buffer("Да 中", "UTF-8")));

        assertThat(e.describe("the request body"))
                .isEqualTo("the request body has the character U+4E2D (CJK UNIFIED IDEOGRAPHS 4E2D) at character offset"
                        + " 3, which windows-1251 cannot represent");
    }

    @Test
    void rewritesTheEncodingInAnXmlDeclarationAtEverySplit() {
        String xml = "<?xml version=\"1.0\" encoding='UTF-8'?><order><name>Иван</name></order>";
        byte[] source = xml.getBytes(UTF_8);
        byte[] expected =
                "<?xml version=\"1.0\" encoding='windows-1251'?><order><name>Иван</name></order>".getBytes(CP1251);

        for (int split = 0; split <= source.length; split++) {
            byte[] converted = convertInParts(new TextTranscoder(UTF_8, CP1251, true), source, split, split);

            assertThat(converted).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void addsAnEncodingToAnXmlDeclarationWithoutOneWhenTheTargetIsNotUtf8() {
        byte[] source = "<?xml version=\"1.0\" standalone=\"yes\"?><a>Ж</a>".getBytes(UTF_8);

        byte[] converted = new TextTranscoder(UTF_8, CP1251, true)
                .convertAll(Buffer.buffer(source))
                .getBytes();

        assertThat(new String(converted, CP1251))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"windows-1251\" standalone=\"yes\"?><a>Ж</a>");
    }

    @Test
    void rewritesTheProvidersXmlDeclarationToUtf8() {
        byte[] source = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ok>Да</ok>".getBytes(CP1251);

        byte[] converted = new TextTranscoder(CP1251, UTF_8, true)
                .convertAll(Buffer.buffer(source))
                .getBytes();

        assertThat(new String(converted, UTF_8)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ok>Да</ok>");
    }

    @Test
    void leavesXmlWithoutADeclarationAndProcessingInstructionsAlone() {
        String text = "<?xml-stylesheet href=\"a.xsl\"?><a>Ж</a>";

        byte[] converted = new TextTranscoder(UTF_8, CP1251, true)
                .convertAll(Buffer.buffer(text, "UTF-8"))
                .getBytes();

        assertThat(converted).isEqualTo(text.getBytes(CP1251));
    }

    @Test
    void countsUnmappablePositionsInTheCallersTextWhenTheXmlDeclarationGrew() {
        byte[] source = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>中</a>".getBytes(UTF_8);

        UnconvertibleTextException e = catchThrowableOfType(
                UnconvertibleTextException.class,
                () -> new TextTranscoder(UTF_8, CP1251, true).convertAll(Buffer.buffer(source)));

        assertThat(e.characterOffset()).isEqualTo(41);
    }

    @Test
    void neverReplacesBadInputSilently() {
        assertThatThrownBy(() -> new TextTranscoder(UTF_8, StandardCharsets.US_ASCII, false)
                        .convertAll(Buffer.buffer("é", "UTF-8")))
                .isInstanceOf(UnconvertibleTextException.class);
    }

    /** Converts {@code source} cut at {@code first} and {@code second} (three parts, some maybe empty) and finishes. */
    static byte[] convertInParts(Transcoder transcoder, byte[] source, int first, int second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(transcoder
                .convert(Buffer.buffer(Arrays.copyOfRange(source, 0, first)))
                .getBytes());
        out.writeBytes(transcoder
                .convert(Buffer.buffer(Arrays.copyOfRange(source, first, second)))
                .getBytes());
        out.writeBytes(transcoder
                .convert(Buffer.buffer(Arrays.copyOfRange(source, second, source.length)))
                .getBytes());
        out.writeBytes(transcoder.finish().getBytes());
        return out.toByteArray();
    }
}

package io.switchboard.policy.charset;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodingStreamTest {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset UTF_8 = StandardCharsets.UTF_8;

    private final List<Buffer> received = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private int ends;

    @Test
    void convertsEveryChunkAndEnds() {
        ScriptedStream source = ScriptedStream.of(parts("Привет", ", ", "мир"));
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.resume();

        assertThat(joined()).isEqualTo("Привет, мир".getBytes(CP1251));
        assertThat(ends).isEqualTo(1);
        assertThat(failures).isEmpty();
    }

    @Test
    void deliversNothingWhilePausedAndOneChunkPerFetch() {
        ScriptedStream source = ScriptedStream.of(parts("один", "два", "три"));
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.pause();
        assertThat(received).isEmpty();
        stream.fetch(1);
        assertThat(received).hasSize(1);
        stream.fetch(1);

        assertThat(received).hasSize(2);
        assertThat(source.delivered()).isEqualTo(2);
        assertThat(ends).isZero();
    }

    @Test
    void fetchesOneMoreSourceChunkWhenAChunkHeldOnlyPartOfACharacter() {
        byte[] zhe = "Ж".getBytes(UTF_8);
        ScriptedStream source =
                ScriptedStream.of(List.of(new byte[] {zhe[0]}, new byte[] {zhe[1]}, "ok".getBytes(UTF_8)));
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.fetch(1);

        assertThat(received).hasSize(1);
        assertThat(received.get(0).getBytes()).isEqualTo("Ж".getBytes(CP1251));
        assertThat(source.delivered()).isEqualTo(2);
        assertThat(source.demand()).isZero();
    }

    @Test
    void passesEmptySourceChunksOnAsNothing() {
        ScriptedStream source = ScriptedStream.of(List.of(new byte[0], "a".getBytes(UTF_8), new byte[0]));
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.resume();

        assertThat(received).extracting(Buffer::length).containsExactly(1);
        assertThat(ends).isEqualTo(1);
    }

    @Test
    void holdsTheLastConvertedBytesUntilTheReaderAsks() {
        ScriptedStream source = ScriptedStream.of(parts("body")).endingEagerly();
        Transcoder withTail = new Transcoder() {
            @Override
            public Buffer convert(Buffer chunk) {
                return chunk.copy();
            }

            @Override
            public Buffer finish() {
                return Buffer.buffer("+tail");
            }
        };
        TranscodingStream stream = listenTo(new TranscodingStream(source, withTail));

        stream.fetch(1);
        assertThat(source.isDone()).as("the source has ended").isTrue();
        assertThat(received).hasSize(1);
        assertThat(ends).isZero();
        stream.fetch(1);

        assertThat(joined()).isEqualTo("body+tail".getBytes(UTF_8));
        assertThat(ends).isEqualTo(1);
    }

    @Test
    void failsOnMalformedInputWithoutPassingOnAnythingWrong() {
        byte[] bad = {'x', (byte) 0xC3, 'y'};
        ScriptedStream source = ScriptedStream.of(List.of("Привет".getBytes(UTF_8), bad, "end".getBytes(UTF_8)));
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.resume();

        assertThat(joined()).isEqualTo("Привет".getBytes(CP1251));
        assertThat(failures).singleElement().isInstanceOfSatisfying(UnconvertibleTextException.class, e -> {
            assertThat(e.reason()).isEqualTo(UnconvertibleTextException.Reason.MALFORMED);
            assertThat(e.byteOffset()).isEqualTo(13);
        });
        assertThat(stream.failure()).isNotNull();
        assertThat(source.demand()).as("the source is paused").isZero();
        assertThat(ends).isZero();
    }

    @Test
    void failsOnABodyThatEndsInTheMiddleOfACharacter() {
        byte[] zhe = "Ж".getBytes(UTF_8);
        ScriptedStream source = ScriptedStream.of(List.of("ok".getBytes(UTF_8), new byte[] {zhe[0]}));
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.resume();

        assertThat(failures).singleElement().isInstanceOf(UnconvertibleTextException.class);
        assertThat(ends).isZero();
    }

    @Test
    void passesTheSourcesOwnFailureOn() {
        IllegalStateException gone = new IllegalStateException("caller went away");
        ScriptedStream source = ScriptedStream.failingAfter(parts("a"), gone);
        TranscodingStream stream = listenTo(new TranscodingStream(source, text(UTF_8, CP1251)));

        stream.resume();

        assertThat(failures).containsExactly(gone);
        assertThat(stream.failure()).isNull();
    }

    @Test
    void streamsALargeBodyUnderBackPressure() {
        String line = "съешь же ещё этих мягких французских булок, да выпей чаю 😀\n".replace("😀", "!");
        byte[] whole = line.repeat(20_000).getBytes(UTF_8);
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < whole.length; at += 8191) {
            chunks.add(Arrays.copyOfRange(whole, at, Math.min(whole.length, at + 8191)));
        }
        ScriptedStream source = ScriptedStream.of(chunks);
        TranscodingStream stream = new TranscodingStream(source, text(UTF_8, CP1251));
        stream.handler(chunk -> {
            received.add(chunk);
            assertThat(source.demand()).as("never more than asked for").isLessThanOrEqualTo(1);
        });
        stream.endHandler(ignored -> ends++);

        for (int i = 0; i < chunks.size() + 1 && ends == 0; i++) {
            stream.fetch(1);
        }

        assertThat(joined()).isEqualTo(line.repeat(20_000).getBytes(CP1251));
        assertThat(ends).isEqualTo(1);
    }

    private TranscodingStream listenTo(TranscodingStream stream) {
        stream.handler(received::add);
        stream.endHandler(ignored -> ends++);
        stream.exceptionHandler(failures::add);
        return stream;
    }

    private byte[] joined() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.forEach(chunk -> out.writeBytes(chunk.getBytes()));
        return out.toByteArray();
    }

    private static TextTranscoder text(Charset from, Charset to) {
        return new TextTranscoder(from, to, false);
    }

    private static List<byte[]> parts(String... texts) {
        return Arrays.stream(texts).map(t -> t.getBytes(UTF_8)).toList();
    }
}

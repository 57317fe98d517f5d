package io.switchboard.policy.charset;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LookaheadTest {
    private final List<String> received = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private int ends;

    @Test
    void readsASmallBodyToItsEndAndPlaysItBack() {
        ScriptedStream source = ScriptedStream.of(parts("a", "b", "c"));

        Future<Lookahead> read = Lookahead.read(source, true);

        Lookahead lookahead = read.result();
        assertThat(lookahead.isComplete()).isTrue();
        assertThat(lookahead.heldBytes()).isEqualTo(3);
        assertThat(lookahead.content().toString()).isEqualTo("abc");
        listenTo(lookahead).resume();
        assertThat(received).containsExactly("a", "b", "c");
        assertThat(ends).isEqualTo(1);
    }

    @Test
    void readsOnlyTheFirstChunkOfALongBodyThenHandsOverWithBackPressure() {
        ScriptedStream source = ScriptedStream.of(parts("first", "second", "third"));

        Lookahead lookahead = Lookahead.read(source, false).result();

        assertThat(lookahead.isComplete()).isFalse();
        assertThat(source.delivered()).isEqualTo(1);
        listenTo(lookahead).fetch(1);
        assertThat(received).containsExactly("first");
        assertThat(source.delivered()).isEqualTo(1);
        lookahead.fetch(1);
        assertThat(received).containsExactly("first", "second");
        lookahead.pause();
        assertThat(source.demand()).isZero();
        lookahead.resume();
        assertThat(received).containsExactly("first", "second", "third");
        assertThat(ends).isEqualTo(1);
    }

    @Test
    void playsNothingUntilAsked() {
        Lookahead lookahead =
                Lookahead.read(ScriptedStream.of(parts("x", "y")), false).result();

        listenTo(lookahead);

        assertThat(received).isEmpty();
    }

    @Test
    void failsWhenTheSourceFailsWhileReadingAhead() {
        IllegalStateException broken = new IllegalStateException("reset");

        Future<Lookahead> read = Lookahead.read(ScriptedStream.failingAfter(parts("a"), broken), true);

        assertThat(read.failed()).isTrue();
        assertThat(read.cause()).isSameAs(broken);
    }

    @Test
    void passesOnAFailureThatComesAfterTheChunksReadAhead() {
        IllegalStateException broken = new IllegalStateException("reset");
        Lookahead lookahead = Lookahead.read(ScriptedStream.failingAfter(parts("a", "b"), broken), false)
                .result();

        listenTo(lookahead).resume();

        assertThat(received).containsExactly("a", "b");
        assertThat(failures).containsExactly(broken);
        assertThat(ends).isZero();
    }

    @Test
    void completesAtOnceForAnEmptyBody() {
        Lookahead lookahead =
                Lookahead.read(ScriptedStream.of(List.of()), false).result();

        listenTo(lookahead).resume();

        assertThat(lookahead.isComplete()).isTrue();
        assertThat(lookahead.content().length()).isZero();
        assertThat(ends).isEqualTo(1);
    }

    private Lookahead listenTo(Lookahead lookahead) {
        lookahead.handler(chunk -> received.add(chunk.toString(StandardCharsets.UTF_8)));
        lookahead.endHandler(ignored -> ends++);
        lookahead.exceptionHandler(failures::add);
        return lookahead;
    }

    private static List<byte[]> parts(String... texts) {
        return Arrays.stream(texts).map(t -> Buffer.buffer(t).getBytes()).toList();
    }
}

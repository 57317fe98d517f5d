package io.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TraceContextTest {
    @Test
    void startsANewTraceWithTheTimeInFrontAndRandomDigitsAfter() {
        SplittableRandom random = new SplittableRandom(7);

        String first = TraceContext.newTraceId(1_790_000_000L, random);
        String second = TraceContext.newTraceId(1_790_000_000L, random);

        assertThat(first).matches("[0-9a-f]{32}").startsWith("6ab13b80");
        assertThat(second).startsWith("6ab13b80");
        assertThat(first.substring(8)).isNotEqualTo(second.substring(8));
    }

    @Test
    void newTraceIdsSortByTheSecondTheyBegan() {
        SplittableRandom random = new SplittableRandom(7);

        assertThat(TraceContext.newTraceId(1_790_000_001L, random))
                .isGreaterThan(TraceContext.newTraceId(1_790_000_000L, random));
    }

    @Test
    void continuesAValidCallerTraceAndStartsOneForAnInvalidHeader() {
        SplittableRandom random = new SplittableRandom(7);
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(TraceContext.continueOrStart(caller, random).traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.continueOrStart("00-zz-00-01", random).traceId())
                .matches("[0-9a-f]{32}")
                .isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}

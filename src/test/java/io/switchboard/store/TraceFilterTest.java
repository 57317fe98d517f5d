package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Bloom filter of a batch's trace ids: never rules out a trace it holds, rarely lets through one it does not. */
class TraceFilterTest {
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void neverRulesOutATraceItWasBuiltFrom() {
        for (int size : new int[] {1, 2, 7, 150, 1000}) {
            List<String> traces = traces(size);

            byte[] filter = TraceFilter.of(traces);

            assertThat(traces).as("batch of %d", size).allMatch(trace -> TraceFilter.mayContain(filter, trace));
        }
    }

    @Test
    void letsThroughAboutOneTraceInTwoThousandThatItDoesNotHold() {
        byte[] filter = TraceFilter.of(traces(1000));

        long passed = traces(100_000).stream()
                .filter(trace -> TraceFilter.mayContain(filter, trace))
                .count();

        // Sixteen bits a trace and eleven hashes: about 0.046% in theory, 46 of 100,000.
        assertThat(passed).isBetween(15L, 120L);
    }

    @Test
    void aBatchWithoutTracesRulesOutEveryTrace() {
        byte[] filter = TraceFilter.of(List.of());

        assertThat(traces(1000)).noneMatch(trace -> TraceFilter.mayContain(filter, trace));
    }

    @Test
    void tracesThatDifferInOneCharacterAreToldApart() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        byte[] filter = TraceFilter.of(List.of(trace));

        long passed = 0;
        for (int i = 0; i < trace.length(); i++) {
            for (char c : "0123456789abcdef".toCharArray()) {
                String neighbour = trace.substring(0, i) + c + trace.substring(i + 1);
                if (!neighbour.equals(trace) && TraceFilter.mayContain(filter, neighbour)) {
                    passed++;
                }
            }
        }

        assertThat(passed).as("of 480 neighbours").isLessThanOrEqualTo(5);
    }

    @Test
    void aFilterItCannotReadRulesOutNothing() {
        assertThat(TraceFilter.mayContain(new byte[0], "4bf92f3577b34da6a3ce929d0e0e4736"))
                .isTrue();
        // Another layout (byte 7: the first build of version 8), its bits all clear: still read.
        assertThat(TraceFilter.mayContain(new byte[] {7, 0, 0, 0, 0, 0, 0, 0, 0}, "4bf92f3577b34da6a3ce929d0e0e4736"))
                .isTrue();
    }

    private List<String> traces(int count) {
        List<String> traces = new ArrayList<>(count);
        byte[] bytes = new byte[16];
        for (int i = 0; i < count; i++) {
            random.nextBytes(bytes);
            traces.add(HexFormat.of().formatHex(bytes));
        }
        return traces;
    }

    @Test
    void readsAFilterOfVersion8And9AsItWasWritten() {
        // Layout 2 (ten bits an id, seven set), as the writer of store versions 8 and 9 wrote it for these two ids.
        byte[] layout2 = {2, 96, 0, 9, -120, 65, 16, 3, 6};

        assertThat(TraceFilter.mayContain(layout2, "4bf92f3577b34da6a3ce929d0e0e4736"))
                .isTrue();
        assertThat(TraceFilter.mayContain(layout2, "0af7651916cd43dd8448eb211c80319c"))
                .isTrue();
        assertThat(TraceFilter.mayContain(layout2, "00000000000000000000000000000001"))
                .isFalse();
    }
}

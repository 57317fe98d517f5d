package io.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyBinsTest {

    @ParameterizedTest(name = "{0} µs falls into bin {1}")
    @CsvSource({
        "0, 0",
        "1023, 0",
        "1024, 1",
        "1279, 1",
        "1280, 2",
        "2047, 4",
        "2048, 5",
        "1000000, 40",
        "67108863, 64",
        "67108864, 65",
        "999999999, 65"
    })
    void putsEachLatencyIntoItsBin(long micros, int bin) {
        assertThat(LatencyBins.of(TimeUnit.MICROSECONDS.toNanos(micros))).isEqualTo(bin);
    }

    @Test
    void binsFollowEachOtherWithoutGaps() {
        for (int bin = 0; bin < LatencyBins.COUNT - 1; bin++) {
            long lower = LatencyBins.lowerMicros(bin);
            long upper = LatencyBins.upperMicros(bin);

            assertThat(upper).as("end of bin %d", bin).isEqualTo(LatencyBins.lowerMicros(bin + 1));
            assertThat(LatencyBins.of(lower * 1000)).as("start of bin %d", bin).isEqualTo(bin);
            assertThat(LatencyBins.of(upper * 1000 - 1))
                    .as("last value of bin %d", bin)
                    .isEqualTo(bin);
        }
    }

    @Test
    void eachBinIsAtMostAQuarterOfItsStartWide() {
        for (int bin = 1; bin < LatencyBins.COUNT - 1; bin++) {
            long lower = LatencyBins.lowerMicros(bin);

            assertThat(LatencyBins.upperMicros(bin) - lower).isLessThanOrEqualTo(lower / 4);
        }
    }

    @Test
    void negativeLatenciesCountAsTheShortest() {
        assertThat(LatencyBins.of(-5)).isZero();
    }

    @Test
    void aQuantileOfNothingIsUnknown() {
        assertThat(LatencyBins.quantileMicros(new long[LatencyBins.COUNT], 0.95))
                .isNegative();
    }

    @Test
    void aSingleValueIsEstimatedAtTheMiddleOfItsBin() {
        long[] counts = new long[LatencyBins.COUNT];
        counts[LatencyBins.of(1_500_000_000L)]++;

        double p95 = LatencyBins.quantileMicros(counts, 0.95);

        assertThat(p95).isCloseTo(1_500_000, within(1_500_000 * 0.125));
    }
}

package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JournalRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSummaryTest {
    private static final long T = 1_795_000_000_000_000L;

    @Test
    void keepsOneKeyPerDistinctFilterValueTheOldestStartAndTheLatestEnd() {
        ExchangeRecord plain =
                JournalRecords.proxied(JournalRecords.id(T + 5_000, "0000", 1), T + 5_000, "/a", 100, null);
        ExchangeRecord again =
                JournalRecords.proxied(JournalRecords.id(T + 6_000, "0000", 2), T + 6_000, "/a", 100, null);
        // Began first, ended last: a long call with a caller, a 504 and an error.
        ExchangeRecord slow = new ExchangeRecord(
                JournalRecords.id(T, "0000", 0),
                T,
                "proxy",
                null,
                null,
                "shop",
                "sms",
                null,
                null,
                "POST",
                "/b?x=1",
                504,
                "timeout",
                1,
                30_000,
                null,
                0,
                0,
                null);

        BatchSummary summary = BatchSummary.of(List.of(plain, again, slow));

        assertThat(summary.minId()).isEqualTo(slow.id());
        assertThat(summary.endedMicros()).isEqualTo(T + 30_000);
        assertThat(summary.keys())
                .containsExactlyInAnyOrder(
                        "connector=courier",
                        "connector=sms",
                        "caller",
                        "caller=shop",
                        "status=200",
                        "class=2",
                        "status=504",
                        "class=5",
                        "error=timeout");
    }

    @Test
    void aRecordWithoutAStatusAddsNoStatusKey() {
        ExchangeRecord gone = new ExchangeRecord(
                JournalRecords.id(T, "0000", 0),
                T,
                "proxy",
                null,
                null,
                null,
                "sms",
                null,
                null,
                "GET",
                "/c",
                null,
                "caller-gone",
                0,
                10,
                null,
                0,
                0,
                null);

        assertThat(BatchSummary.of(List.of(gone)).keys())
                .containsExactlyInAnyOrder("connector=sms", "caller", "error=caller-gone");
    }

    @Test
    void theRarestLikelyKeyOfAQueryLeadsTheWalk() {
        ExchangeQuery query =
                new ExchangeQuery("sms", ExchangeQuery.ANONYMOUS, 503, 5, "timeout", null, null, null, null, 50, null);

        assertThat(BatchIndex.keys(query))
                .containsExactly("error=timeout", "status=503", "caller", "connector=sms", "class=5");
    }
}

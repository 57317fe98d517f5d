package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the q filter chooses between the trigram index and reading newest first, judged on a sample of targets. */
class TargetIndexTest {
    /** 2,000 targets like "/courier/orders/1000000" … "/courier/orders/1001999", every other one with "?express=1". */
    private static final List<String> SAMPLE = sample();

    @Test
    void asksForAPhraseFromTheRarestPieceOnAndForTheThreeRarestPiecesOfARareText() {
        // "ord", "rde", "der", "ers", "rs/" are in every target; "s/a", "/ab", "abc", "bc-", "c-9" in none.
        assertThat(TargetIndex.match("orders/ABC-9", SAMPLE))
                .isEqualTo(new TargetIndex.Match("\"s/abc-9\"", "\"s/a\" AND \"/ab\" AND \"abc\""));
    }

    @Test
    void asksForAPhraseOfAtMostSixPiecesOfALongRareText() {
        assertThat(TargetIndex.match("orders/ABCDEFGHIJ", SAMPLE))
                .extracting(TargetIndex.Match::phrase)
                .isEqualTo("\"s/abcdef\"");
    }

    @Test
    void growsThePhraseTowardsTheRarerNeighbour() {
        // The pieces of "common/" are in 1 target in 10, those after it in none: the phrase grows to the right.
        List<String> targets = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            targets.add(n % 10 == 0 ? "/common/" + n : "/p/" + n);
        }
        assertThat(TargetIndex.match("common/QRSTUVWXYZ", targets))
                .extracting(TargetIndex.Match::phrase)
                .isEqualTo("\"n/qrstuv\"");
    }

    @Test
    void readsNewestFirstWhenTheTextIsCommonInTheSample() {
        assertThat(TargetIndex.match("express=1", SAMPLE)).isNull();
        assertThat(TargetIndex.match("/courier/orders/10019", SAMPLE)).isNull();
    }

    @Test
    void readsNewestFirstWhenEveryPieceIsTooCommonToNarrow() {
        // In no target, yet each of its pieces ("/a/", "a/b", "/b/", "b/a") is in half of them or more.
        List<String> alternating = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            alternating.add(n % 2 == 0 ? "/a/b/" + n : "/b/a/" + n);
        }
        assertThat(TargetIndex.match("/a/b/a", alternating)).isNull();
        // A piece in no target is the best narrowing there is: "s/o" here.
        assertThat(TargetIndex.match("orders/orders", SAMPLE))
                .extracting(TargetIndex.Match::phrase, match -> match.pieces().substring(0, 5))
                .containsExactly("\"s/o\"", "\"s/o\"");
    }

    @Test
    void readsNewestFirstForShortOrNonAsciiTexts() {
        assertThat(TargetIndex.match("ab", SAMPLE)).isNull();
        assertThat(TargetIndex.match("café-9", SAMPLE)).isNull();
    }

    @Test
    void quotesPiecesForTheIndexWithQuotesDoubled() {
        assertThat(TargetIndex.match("a\"b", List.of("/x", "/y")))
                .isEqualTo(new TargetIndex.Match("\"a\"\"b\"", "\"a\"\"b\""));
    }

    @Test
    void usesTheIndexOnAnEmptyJournalOnlyToFindNothingQuickly() {
        assertThat(TargetIndex.match("abcd", List.of()))
                .isEqualTo(new TargetIndex.Match("\"abcd\"", "\"abc\" AND \"bcd\""));
    }

    private static List<String> sample() {
        List<String> targets = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            targets.add("/courier/orders/" + (1_000_000 + n) + (n % 2 == 0 ? "?express=1" : ""));
        }
        return targets;
    }
}

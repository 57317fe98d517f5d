package io.switchboard.journal.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardNumbersTest {
    private static final Masker MASKER = Masker.of(MaskConfig.NONE, List.of());

    @ParameterizedTest(name = "masks {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a 16-digit Visa in one run                | pan 4111111111111111 end         | pan 4111********1111 end
            a Visa grouped by spaces                  | pan 4111 1111 1111 1111 end      | pan 4111 **** **** 1111 end
            a Visa grouped by dashes                  | pan 4111-1111-1111-1111 end      | pan 4111-****-****-1111 end
            mixed spaces and dashes                   | 4111 1111-1111 1111              | 4111 ****-**** 1111
            a 15-digit Amex grouped 4-6-5             | 3782 822463 10005                | 3782 ****** *0005
            a 13-digit number                         | old visa 4222222222222.           | old visa 4222*****2222.
            a 19-digit number                         | x6011000990139424009x            | x6011***********4009x
            a 19-digit number grouped 4-4-4-4-3       | 6011 0009 9013 9424 009          | 6011 **** **** ***4 009
            a number glued to letters                 | card4111111111111111cvv          | card4111********1111cvv
            a number in a JSON string                 | {"pan":"5555555555554444"}       | {"pan":"5555********4444"}
            a number joined by plus signs             | pan=4111+1111+1111+1111          | pan=4111+****+****+1111
            a number joined by encoded spaces         | pan=4111%201111%201111%201111    | pan=4111%20****%20****%201111
            two numbers                               | 4111111111111111,5555555555554444 | 4111********1111,5555********4444
            a number followed by a year               | 4111 1111 1111 1111 2026         | 4111 **** **** 1111 2026
            a number after an order id                | order 1234 4111 1111 1111 1111   | order 1234 4111 **** **** 1111
            """)
    void masksCardNumbers(String description, String text, String masked) {
        assertThat(MASKER.text(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "leaves {0} alone")
    @CsvSource(delimiter = '|', textBlock = """
            a 16-digit run that fails Luhn            | 4111111111111112
            a millisecond timestamp                   | at 1732640000000 ms
            a 12-digit number                         | 411111111116
            a 20-digit Luhn-valid run                 | 41111111111111111113
            an order id                               | order 2026112617020012
            a date and time                           | 2026-11-26 17:02:45
            a phone number                            | +1 555 123 4567
            text without digits                       | nothing here
            """)
    void leavesNumbersThatAreNotCardNumbersAlone(String description, String text) {
        assertThat(MASKER.text(text)).isSameAs(text);
    }

    @Test
    void returnsTheSameArrayWhenThereIsNothingToMask() {
        byte[] body = "order 2026112617020012 shipped".getBytes(StandardCharsets.UTF_8);

        byte[] masked = MASKER.body(body, false, "text/plain");

        assertThat(masked).isSameAs(body);
    }

    @Test
    void returnsTheSameTextForHexIdsAndMasksACardNumberAmongLetters() {
        String traceparent = "00-6b08d6791ebfaec9755f33507ee7a7ad-4e903d42a0d3bbb1-01";
        String requestId = "066f597aa3c7a24c2fbb9828ec905bd1";

        assertThat(MASKER.header("traceparent", traceparent)).isSameAs(traceparent);
        assertThat(MASKER.header("X-Request-Id", requestId)).isSameAs(requestId);
        assertThat(MASKER.header("X-Ref", "ab4111-1111%201111+1111cd")).isEqualTo("ab4111-****%20****+1111cd");
        assertThat(MASKER.header("X-Ref", "id-4111111111111111-x")).isEqualTo("id-4111********1111-x");
    }

    @Test
    void masksACardNumberInTextBesideCharactersBeyondAscii() {
        // The text path's quick check looks characters up in a Latin-1 table; others count as a break between digits.
        assertThat(MASKER.text("€ 4111 1111 1111 1111 ü")).isEqualTo("€ 4111 **** **** 1111 ü");
        assertThat(MASKER.text("é4111111111111111é")).isEqualTo("é4111********1111é");
        assertThat(MASKER.header("X-Ref", "Ω-4111-1111-1111-1111-Ω")).isEqualTo("Ω-4111-****-****-1111-Ω");
    }

    @ParameterizedTest(name = "a body cut off after \"{0}\" becomes \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            pan 4111 1111 11     | pan 4111 **** **
            pan 4111 1111 11-    | pan 4111 **** **-
            pan 411111           | pan 4111**
            pan 41111            | pan 41111
            pan=4111%201111%2    | pan=4111%20****%2
            pan 4111111111111111 | pan 4111************
            """)
    void masksARunCutOffByTruncationKeepingItsFirstFourDigits(String captured, String masked) {
        byte[] result = MASKER.body(captured.getBytes(StandardCharsets.US_ASCII), true, "text/plain");

        assertThat(new String(result, StandardCharsets.US_ASCII)).isEqualTo(masked);
    }

    @Test
    void leavesACutOffRunAloneWhenTheBodyWasNotTruncated() {
        String text = "order 4111 1111 11";

        String masked = new String(
                MASKER.body(text.getBytes(StandardCharsets.US_ASCII), false, null), StandardCharsets.US_ASCII);

        assertThat(masked).isEqualTo(text);
    }

    @Test
    void masksACardNumberCutAtEveryPositionOfATruncatedBody() {
        String pan = "4539 1488 0343 6467";
        String body = "{\"order\":\"A-17\",\"card\":\"" + pan + "\",\"amount\":1200}";
        int panStart = body.indexOf(pan);

        for (int cut = 0; cut <= body.length(); cut++) {
            byte[] captured = body.substring(0, cut).getBytes(StandardCharsets.US_ASCII);
            String masked = new String(
                    MASKER.body(captured, cut < body.length(), "application/json"), StandardCharsets.US_ASCII);

            // Whatever the cut, no digit past the first six and before the last four shows (PCI DSS allows six).
            String shown = masked.substring(Math.min(panStart, masked.length()));
            assertThat(middleDigitsShown(shown, pan))
                    .as("cut at %d: %s", cut, masked)
                    .isFalse();
        }
    }

    @Test
    void skipsOnlyWhatTheFullScanWouldLeaveAsItIs() {
        // The quick look for a long enough span decides where the scan starts: on random text thick with digits,
        // separators and card numbers at every offset of the eight-byte words, the answer must be the full scan's.
        byte[] alphabet = "0123456789 -+%2a\"é".getBytes(StandardCharsets.UTF_8);
        String[] pans = {"4111111111111111", "4111 1111 1111 1111", "4222222222222", "4111%201111%201111%201111"};
        java.util.Random random = new java.util.Random(20261127);
        int masked = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(48);
            for (int i = 0; i < length; i++) {
                text.append((char) (alphabet[random.nextInt(alphabet.length)] & 0xff));
            }
            if (random.nextBoolean()) {
                text.insert(random.nextInt(text.length() + 1), pans[random.nextInt(pans.length)]);
            }
            byte[] in = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            boolean truncated = random.nextBoolean();

            byte[] quick = CardNumbers.mask(in, truncated);
            byte[] full = CardNumbers.mask(in.clone(), truncated, 0);

            assertThat(new String(quick, StandardCharsets.ISO_8859_1))
                    .as("%s (truncated: %s)", text, truncated)
                    .isEqualTo(new String(full, StandardCharsets.ISO_8859_1));
            masked += java.util.Arrays.equals(full, in) ? 0 : 1;
        }
        assertThat(masked).as("inputs the full scan masked").isGreaterThan(4_000);
    }

    @Test
    void masksACardNumberAtEverySplitBetweenTwoChunks() {
        String body = "pay 4539 1488 0343 6467 and 5555555555554444 now, ref 12345678";
        String whole = MASKER.text(body);

        for (int split = 0; split <= body.length(); split++) {
            byte[] first = body.substring(0, split).getBytes(StandardCharsets.US_ASCII);
            byte[] second = body.substring(split).getBytes(StandardCharsets.US_ASCII);
            CardNumberScanner scanner = new CardNumberScanner();

            String streamed = new String(scanner.next(first), StandardCharsets.US_ASCII)
                    + new String(scanner.next(second), StandardCharsets.US_ASCII)
                    + new String(scanner.finish(false), StandardCharsets.US_ASCII);
            byte[] concatenated = new byte[first.length + second.length];
            System.arraycopy(first, 0, concatenated, 0, first.length);
            System.arraycopy(second, 0, concatenated, first.length, second.length);
            String joined = new String(MASKER.body(concatenated, false, null), StandardCharsets.US_ASCII);

            assertThat(streamed).as("split at %d", split).isEqualTo(whole);
            assertThat(joined).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void streamsByteByByteAsTheWholeBodyIsMasked() {
        String body = "a 4111-1111-1111-1111 b 4111%201111%201111%201111 c 378282246310005 d 2026-11-26 e 4111 1111 11";
        CardNumberScanner scanner = new CardNumberScanner();
        StringBuilder streamed = new StringBuilder();

        for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
            streamed.append(new String(scanner.next(new byte[] {b}), StandardCharsets.US_ASCII));
        }
        streamed.append(new String(scanner.finish(true), StandardCharsets.US_ASCII));

        assertThat(streamed.toString())
                .isEqualTo(new String(
                        MASKER.body(body.getBytes(StandardCharsets.US_ASCII), true, null), StandardCharsets.US_ASCII));
    }

    @Test
    void letsGoOfAnEndlessRunOfDigitsWithBoundedMemory() {
        CardNumberScanner scanner = new CardNumberScanner();
        byte[] chunk = "1 2 3 4 5 6 7 8 9 ".getBytes(StandardCharsets.US_ASCII);
        int released = 0;

        for (int i = 0; i < 1000; i++) {
            released += scanner.next(chunk).length;
        }

        assertThat(released).isGreaterThan(1000 * chunk.length - CardNumberScanner.MAX_HELD - chunk.length);
    }

    /** Returns whether a digit of the PAN's middle (after its first six, before its last four) shows in the text. */
    private static boolean middleDigitsShown(String text, String pan) {
        String digits = pan.replaceAll("[^0-9]", "");
        String shownDigits = text.replaceAll("[^0-9*]", "");
        // The PAN's digits come first in what follows its start; compare position by position.
        for (int i = 6; i < digits.length() - 4 && i < shownDigits.length(); i++) {
            if (shownDigits.charAt(i) == digits.charAt(i)) {
                return true;
            }
        }
        return false;
    }
}

package io.switchboard.journal.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.MaskConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random text with planted card numbers and secrets: whatever surrounds them, they never survive masking. */
class MaskerPropertyTest {
    private static final int ROUNDS = 2_000;
    private static final String SYNTAX = "{}[]\":,cvvab 0123456789\\<>/=&t";
    private static final String ALPHABET = "abcXYZ0123456789 -+%=&;:\"{}[],.<>/\n\t";

    @Test
    void neverLetsAPlantedCardNumberThrough() {
        SplittableRandom random = new SplittableRandom(20261126L);
        Masker masker = Masker.of(MaskConfig.NONE, List.of());

        for (int round = 0; round < ROUNDS; round++) {
            List<String> planted = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int part = 0; part < 1 + random.nextInt(4); part++) {
                text.append(noise(random, random.nextInt(30)));
                String pan = pan(random, 13 + random.nextInt(7));
                planted.add(pan);
                // A separator or nothing on each side, so the PAN is never glued to other digits.
                text.append(random.nextBoolean() ? " " : "x").append(written(random, pan));
                text.append(random.nextBoolean() ? " " : "y");
            }
            text.append(noise(random, random.nextInt(30)));
            String input = text.toString();

            String masked = new String(
                    masker.body(input.getBytes(StandardCharsets.UTF_8), false, null), StandardCharsets.UTF_8);
            // %20 joins groups; its digits are no part of a card number.
            String maskedDigits = masked.replace("%20", " ").replaceAll("[^0-9]", "");

            // Header values, targets and messages take the text path, which skips most values without a scan.
            String maskedText = masker.text(input);
            String maskedTextDigits = maskedText.replace("%20", " ").replaceAll("[^0-9]", "");

            for (String pan : planted) {
                assertThat(maskedDigits)
                        .as("round %d: %s -> %s", round, input, masked)
                        .doesNotContain(pan);
                assertThat(maskedTextDigits)
                        .as("round %d, as text: %s -> %s", round, input, maskedText)
                        .doesNotContain(pan);
            }
        }
    }

    @Test
    void neverLetsAPlantedSecretThrough() {
        SplittableRandom random = new SplittableRandom(42L);

        for (int round = 0; round < ROUNDS; round++) {
            String secret = noise(random, 6 + random.nextInt(20)).replace('\n', 'n');
            Masker masker = Masker.of(MaskConfig.NONE, List.of(secret));
            String input = noise(random, random.nextInt(40)) + secret + noise(random, random.nextInt(40));

            String masked = new String(
                    masker.body(input.getBytes(StandardCharsets.UTF_8), false, null), StandardCharsets.UTF_8);

            assertThat(masked).as("round %d: %s -> %s", round, input, masked).doesNotContain(secret);
            assertThat(masker.text(input)).doesNotContain(secret);
        }
    }

    @Test
    void streamsEveryRandomSplitAsTheWholeBodyIsMasked() {
        SplittableRandom random = new SplittableRandom(7L);

        for (int round = 0; round < ROUNDS; round++) {
            String input = noise(random, random.nextInt(20)) + " " + written(random, pan(random, 16)) + " "
                    + noise(random, random.nextInt(20));
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            boolean truncated = random.nextBoolean();
            CardNumberScanner scanner = new CardNumberScanner();
            StringBuilder streamed = new StringBuilder();
            int at = 0;
            while (at < bytes.length) {
                int size = Math.min(bytes.length - at, 1 + random.nextInt(8));
                byte[] chunk = new byte[size];
                System.arraycopy(bytes, at, chunk, 0, size);
                streamed.append(new String(scanner.next(chunk), StandardCharsets.ISO_8859_1));
                at += size;
            }
            streamed.append(new String(scanner.finish(truncated), StandardCharsets.ISO_8859_1));

            String whole = new String(CardNumbers.mask(bytes, truncated), StandardCharsets.ISO_8859_1);

            assertThat(streamed.toString()).as("round %d: %s", round, input).isEqualTo(whole);
        }
    }

    @Test
    void neverThrowsOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(99L);
        Masker masker = Masker.of(
                new MaskConfig(List.of("$..cvv", "$.a[*].b", "$.x[2]"), List.of(), List.of("pin"), List.of("t")),
                List.of("secret-value"));
        List<String> types =
                List.of("application/json", "application/xml", "application/x-www-form-urlencoded", "text/plain");

        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = new byte[random.nextInt(200)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0
                        ? (byte) random.nextInt(256)
                        : (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
            }

            int type = random.nextInt(types.size() + 1);
            String contentType = type == types.size() ? null : types.get(type);

            byte[] masked = masker.body(bytes, random.nextBoolean(), contentType);
            String text = masker.text(new String(bytes, StandardCharsets.ISO_8859_1));

            assertThat(new String(masked, StandardCharsets.ISO_8859_1)).doesNotContain(Masker.FAILED);
            assertThat(text).doesNotContain(Masker.FAILED);
        }
    }

    private static String noise(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** Returns a Luhn-valid number of {@code length} digits. */
    static String pan(SplittableRandom random, int length) {
        int[] digits = new int[length];
        digits[0] = 3 + random.nextInt(4);
        for (int i = 1; i < length - 1; i++) {
            digits[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = length - 2, position = 0; i >= 0; i--, position++) {
            int d = digits[i];
            if (position % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        digits[length - 1] = (10 - sum % 10) % 10;
        StringBuilder text = new StringBuilder(length);
        for (int d : digits) {
            text.append(d);
        }
        return text.toString();
    }

    /** Returns the PAN as one run, or grouped by fours with one kind of separator. */
    private static String written(SplittableRandom random, String pan) {
        String separator = List.of("", " ", "-", "+", "%20").get(random.nextInt(5));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pan.length(); i += 4) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(pan, i, Math.min(pan.length(), i + 4));
        }
        return text.toString();
    }
}

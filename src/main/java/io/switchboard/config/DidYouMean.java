package io.switchboard.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds the known name a mistyped one was probably meant to be, for the hint in an unknown key's problem. */
final class DidYouMean {
    private DidYouMean() {}

    /**
     * Returns the known name closest to {@code given}, when it is close enough to be a slip: the same once case, dashes
     * and underscores are set aside ({@code connectTimeout}, {@code connect_timeout}), or one or two letters off.
     */
    static Optional<String> nearest(String given, Collection<String> known) {
        String wanted = normalize(given);
        // Short words are one slip apart from many others, so they get less room than long ones.
        int allowed = wanted.length() < 5 ? 1 : 2;
        @Nullable String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(wanted, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed && bestDistance < wanted.length() ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Returns {@code ; did you mean "x"?} for the nearest known name, or nothing when none is near. */
    static String hint(String given, Collection<String> known) {
        return nearest(given, known)
                .map(name -> "; did you mean \"" + name + "\"?")
                .orElse("");
    }

    private static String normalize(String name) {
        StringBuilder text = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                text.append('-');
            }
            text.append(c == '_' ? '-' : c);
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** Returns the edit distance that counts swapping two neighbours as one edit, the commonest typo. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

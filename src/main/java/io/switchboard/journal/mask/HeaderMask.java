package io.switchboard.journal.mask;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers are always masked and how: credentials keep their scheme ({@code Bearer ***}), cookies keep their
 * names ({@code session=***; theme=***}), {@code Set-Cookie} keeps its attributes ({@code id=***; Path=/; HttpOnly}),
 * anything else becomes {@code ***}.
 */
final class HeaderMask {
    /** Masked for every connector: credentials, cookies, and the gateway's own caller key. */
    static final Set<String> BUILT_IN = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "set-cookie",
            "switchboard-api-key",
            "x-api-key",
            "x-auth-token");

    /**
     * Authentication schemes whose name is kept as a hint. Any other first word may be part of the secret (a custom
     * header holds anything), so it is masked with the rest.
     */
    private static final Set<String> SCHEMES = caseInsensitive(Set.of(
            "Basic",
            "Bearer",
            "Digest",
            "Negotiate",
            "NTLM",
            "HOBA",
            "Mutual",
            "Token",
            "OAuth",
            "DPoP",
            "ApiKey",
            "AWS4-HMAC-SHA256",
            "SharedKey",
            "Hawk",
            "SSWS",
            "Key"));

    /**
     * The masked names by their length: every header of every journaled exchange is looked up, and most names have a
     * length no masked name has, so the lookup ends there; a case-insensitive set compared several names a lookup.
     */
    private final String[][] maskedByLength;

    private HeaderMask(String[][] maskedByLength) {
        this.maskedByLength = maskedByLength;
    }

    static HeaderMask of(Collection<String> configured) {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(BUILT_IN);
        names.addAll(configured);
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        String[][] byLength = new String[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int wanted = length;
            byLength[length] =
                    names.stream().filter(name -> name.length() == wanted).toArray(String[]::new);
        }
        return new HeaderMask(byLength);
    }

    /** Returns whether the header's value is always masked. */
    boolean isMasked(String name) {
        if (name.length() >= maskedByLength.length) {
            return false;
        }
        for (String masked : maskedByLength[name.length()]) {
            if (masked.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the masked form of a masked header's value. */
    static String mask(String name, String value) {
        if (name.equalsIgnoreCase("cookie")) {
            return cookie(value);
        }
        if (name.equalsIgnoreCase("set-cookie")) {
            return setCookie(value);
        }
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        if (space > 0 && SCHEMES.contains(trimmed.substring(0, space))) {
            return trimmed.substring(0, space) + " ***";
        }
        return "***";
    }

    /** {@code a=1; b=2} becomes {@code a=***; b=***}. */
    private static String cookie(String value) {
        StringBuilder masked = new StringBuilder(value.length());
        for (String pair : value.split(";", -1)) {
            String trimmed = pair.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!masked.isEmpty()) {
                masked.append("; ");
            }
            masked.append(pairMasked(trimmed));
        }
        return masked.isEmpty() ? "***" : masked.toString();
    }

    /** {@code id=abc; Path=/; HttpOnly} becomes {@code id=***; Path=/; HttpOnly}: attributes are no secret. */
    private static String setCookie(String value) {
        int semicolon = value.indexOf(';');
        String pair = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        String attributes = semicolon < 0 ? "" : value.substring(semicolon);
        return (pair.isEmpty() ? "***" : pairMasked(pair)) + attributes;
    }

    private static String pairMasked(String pair) {
        int equals = pair.indexOf('=');
        return equals <= 0 ? "***" : pair.substring(0, equals).strip() + "=***";
    }

    private static Set<String> caseInsensitive(Set<String> names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return set;
    }
}

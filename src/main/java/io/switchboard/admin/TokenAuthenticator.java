package io.switchboard.admin;

import io.switchboard.config.TokenConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the admin token a bearer secret belongs to. Every configured token is compared, each in constant time over
 * SHA-256 digests, so neither the secret's content nor its length nor which token matched shows in the timing.
 */
final class TokenAuthenticator {
    private static final String BEARER = "bearer ";

    private TokenAuthenticator() {}

    /** Returns the token whose secret the {@code Authorization} header carries, if any. */
    static Optional<TokenConfig> authenticate(@Nullable String authorization, List<TokenConfig> tokens) {
        if (authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        TokenConfig match = null;
        for (TokenConfig token : tokens) {
            // No early exit: the loop takes as long whichever token matches.
            if (MessageDigest.isEqual(presented, digest(token.secret().value())) && match == null) {
                match = token;
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

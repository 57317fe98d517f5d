package io.switchboard.demo;

import java.util.HexFormat;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The demo's secrets, new at each start: the admin and viewer tokens of the admin API, the simulated providers' API
 * keys and a caller's API key. The demo's config names them only as {@code ${VARIABLE}}s, as a real config would.
 *
 * @param adminToken the one-time admin token
 * @param viewerToken the one-time viewer token, for showing the dashboard to someone
 * @param smsAlphaKey sms-alpha's API key
 * @param smsBetaKey sms-beta's API key
 * @param paymentsKey the card acquirer's bearer token
 * @param billingKey the API key the caller {@code billing} identifies with
 */
public record DemoSecrets(
        String adminToken,
        String viewerToken,
        String smsAlphaKey,
        String smsBetaKey,
        String paymentsKey,
        String billingKey) {
    /** The variable the admin token is read from. */
    public static final String ADMIN_TOKEN = "SB_DEMO_ADMIN_TOKEN";

    /** The variable the viewer token is read from. */
    public static final String VIEWER_TOKEN = "SB_DEMO_VIEWER_TOKEN";

    /** The variable sms-alpha's key is read from. */
    public static final String SMS_ALPHA_KEY = "SB_DEMO_SMS_ALPHA_KEY";

    /** The variable sms-beta's key is read from. */
    public static final String SMS_BETA_KEY = "SB_DEMO_SMS_BETA_KEY";

    /** The variable the acquirer's token is read from. */
    public static final String PAYMENTS_KEY = "SB_DEMO_PAYMENTS_KEY";

    /** The variable billing's API key is read from. */
    public static final String BILLING_KEY = "SB_DEMO_BILLING_KEY";

    /** Returns secrets drawn from {@code random} (a {@code SecureRandom} outside tests). */
    public static DemoSecrets random(RandomGenerator random) {
        return new DemoSecrets(
                token(random), token(random), token(random), token(random), token(random), token(random));
    }

    /** Returns the variables the demo's config reads, with their values. */
    public Map<String, String> environment() {
        return Map.of(
                ADMIN_TOKEN, adminToken,
                VIEWER_TOKEN, viewerToken,
                SMS_ALPHA_KEY, smsAlphaKey,
                SMS_BETA_KEY, smsBetaKey,
                PAYMENTS_KEY, paymentsKey,
                BILLING_KEY, billingKey);
    }

    @Override
    public String toString() {
        return "DemoSecrets[hidden]";
    }

    private static String token(RandomGenerator random) {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}

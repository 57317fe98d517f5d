package io.switchboard.config;

/**
 * The provider's secret that the gateway adds to every call, so callers never hold it, under {@code credentials:}.
 *
 * <pre>
 * credentials: { header: Authorization, value: "Bearer ${COURIER_TOKEN}" }
 * credentials: { query: api_key, value: "${SMS_KEY}" }
 * credentials: { basic: { username: shop, password: "${PAY_PASSWORD}" } }
 * </pre>
 *
 * @param placement where the secret goes
 * @param name the header or query parameter name; the user name for basic auth
 * @param value the header or parameter value; the password for basic auth
 */
public record CredentialsConfig(Placement placement, String name, Secret value) {

    /** Where an injected credential goes. */
    public enum Placement {
        /** A request header, replacing any the caller sent. */
        HEADER,
        /** A query parameter, replacing any the caller sent. */
        QUERY,
        /** HTTP basic authentication ({@code Authorization: Basic ...}). */
        BASIC
    }

    @Override
    public String toString() {
        return "CredentialsConfig[placement=" + placement + ", name=" + name + ", value=***]";
    }
}

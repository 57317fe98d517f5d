package io.switchboard.config;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A receiver of events, under {@code gateway.webhooks:}: each recorded event whose kind it asks for is POSTed to it as
 * JSON, with a Slack-compatible {@code text}. See {@code docs/webhooks.md}.
 *
 * <pre>
 * webhooks:
 *   - url: "${SLACK_WEBHOOK_URL}"
 *     events: [ lamp-changed, switched ]
 *     secret-header: { name: X-Hook-Token, value: "${HOOK_TOKEN}" }
 * </pre>
 *
 * @param url where events are POSTed (http or https); it may hold a token, so it is a secret: logs show only its scheme
 *     and host
 * @param events the kinds of event sent, such as {@code lamp-changed}; every kind when empty (the default)
 * @param secretHeader a header sent with each POST for the receiver to check; none by default
 */
public record WebhookConfig(
        Secret url, Set<String> events, @Nullable SecretHeader secretHeader) {
    /** The kinds of event the gateway records, which {@code events:} may name. */
    public static final List<String> EVENT_KINDS = List.of(
            "lamp-changed",
            "switched",
            "config-reloaded",
            "threshold-crossed",
            "check-failed",
            "check-recovered",
            "store-outage",
            "provider-changed");

    public WebhookConfig {
        events = Set.copyOf(events);
    }

    /** Returns the URL to POST to. */
    public URI uri() {
        return URI.create(url.value());
    }

    /** Returns the URL as logs may show it: scheme, host and port, with the path (which may hold a token) masked. */
    public String maskedUrl() {
        return mask(uri());
    }

    /** Returns whether events of this kind go to this webhook. */
    public boolean wants(String kind) {
        return events.isEmpty() || events.contains(kind);
    }

    /** Returns {@code https://hooks.example:8443/***}: the path and query of a URL masked. */
    public static String mask(URI uri) {
        String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return uri.getScheme() + "://" + authority + "/***";
    }

    /** Returns the config without its secrets, for anything that might print it. */
    @Override
    public String toString() {
        return "WebhookConfig[url=" + maskedUrl() + ", events=" + events + ", secretHeader="
                + (secretHeader == null ? "none" : secretHeader.name()) + "]";
    }

    /**
     * A header the receiver checks, such as {@code { name: X-Hook-Token, value: "${HOOK_TOKEN}" }}.
     *
     * @param name the header's name
     * @param value its value; take it from the environment
     */
    public record SecretHeader(String name, Secret value) {}
}

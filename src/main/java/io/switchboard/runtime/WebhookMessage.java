package io.switchboard.runtime;

import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The JSON an event is POSTed to webhooks as: the event's fields plus a Slack-compatible {@code text} such as
 * "🔴 courier-express: switched off by night-shift: provider outage".
 */
final class WebhookMessage {
    private WebhookMessage() {}

    /** Returns the event as the webhook body. */
    static JsonObject of(Event event) {
        JsonObject details = details(event);
        return new JsonObject()
                .put("id", event.id())
                .put("time", event.time().toString())
                .put("connector", event.connector())
                .put("kind", event.kind())
                .put("severity", event.severity().wireName())
                .put("message", event.message())
                .put("actor", event.actor())
                .put("details", details)
                .put("text", text(event, details));
    }

    /** Returns the one line a chat shows: a coloured mark, the connector (or "switchboard"), what happened. */
    static String text(Event event, JsonObject details) {
        String subject = event.connector() == null ? "switchboard" : event.connector();
        String message = event.message();
        // Messages about a connector start "connector 'id' ..."; the line already names it up front.
        String prefix = "connector '" + subject + "' ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return mark(event, details) + " " + subject + ": " + message;
    }

    private static String mark(Event event, JsonObject details) {
        if (event.kind().equals(Event.LAMP_CHANGED)) {
            return switch (String.valueOf(details.getValue("lamp"))) {
                case "green" -> "🟢";
                case "grey" -> "⚪";
                case "yellow" -> "🟡";
                default -> "🔴";
            };
        }
        if (event.kind().equals(Event.SWITCHED) && details.getValue("on") instanceof Boolean on) {
            return on ? "🟢" : "🔴";
        }
        return severityMark(event.severity());
    }

    private static String severityMark(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "🔴";
            case WARNING -> "🟡";
            case INFO -> "🔵";
        };
    }

    private static JsonObject details(Event event) {
        try {
            return new JsonObject(event.details());
        } catch (DecodeException | ClassCastException e) {
            // The store keeps details as text and never parses it; a non-object is passed on as text.
            return new JsonObject().put("text", event.details());
        }
    }
}

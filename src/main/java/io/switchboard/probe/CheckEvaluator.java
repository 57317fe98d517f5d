package io.switchboard.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.Expectations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Judges a check's answer by its expectations: status (any 2xx unless one is named), body text, values at JSON
 * pointers, and latency. Every expectation is judged, so one result names everything that is wrong.
 */
final class CheckEvaluator {
    private CheckEvaluator() {}

    /** Returns the verdict on {@code answer}; never throws for any answer a provider can give. */
    static Verdict evaluate(Expectations expect, ProbeAnswer answer) {
        if (answer instanceof ProbeAnswer.Failed failed) {
            return new Verdict(false, failed.reason());
        }
        ProbeAnswer.Received received = (ProbeAnswer.Received) answer;
        List<String> failures = new ArrayList<>();
        Integer status = expect.status();
        if (status == null) {
            if (received.status() < 200 || received.status() > 299) {
                failures.add("expected a 2xx status, got " + received.status());
            }
        } else if (received.status() != status) {
            failures.add("expected status " + status + ", got " + received.status());
        }
        String contains = expect.bodyContains();
        if (contains != null && !received.body().contains(contains)) {
            failures.add("expected the body to contain " + ProbeText.quoted(contains)
                    + (received.truncated() ? " in its first 1 MiB" : ""));
        }
        if (!expect.json().isEmpty()) {
            JsonBody json = JsonBody.parse(received);
            for (Map.Entry<String, String> expected : expect.json().entrySet()) {
                String failure = judge(json, expected.getKey(), expected.getValue());
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        Duration latencyUnder = expect.latencyUnder();
        if (latencyUnder != null && received.latency().compareTo(latencyUnder) >= 0) {
            failures.add("expected an answer under " + ProbeText.duration(latencyUnder) + ", took "
                    + ProbeText.duration(received.latency()));
        }
        if (failures.isEmpty()) {
            return new Verdict(true, "status " + received.status() + " in " + ProbeText.duration(received.latency()));
        }
        return new Verdict(false, String.join("; ", failures));
    }

    /** Returns what is wrong with the value at {@code pointer}, or null when it is what was expected. */
    private static @Nullable String judge(JsonBody json, String pointer, String expected) {
        String where = pointer.isEmpty() ? "the whole body" : pointer;
        JsonNode found = json.at(pointer);
        if (found == null) {
            return "expected " + ProbeText.quoted(expected) + " at " + where + ", but " + json.problem();
        }
        if (matches(found, expected)) {
            return null;
        }
        return "expected " + ProbeText.quoted(expected) + " at " + where + ", found " + JsonBody.shown(found);
    }

    /** Returns whether a JSON value reads as the expected text; numbers compare by value, so 7 matches 7.0. */
    static boolean matches(JsonNode found, String expected) {
        if (found.isNumber()) {
            BigDecimal wanted = JsonBody.decimal(expected);
            return wanted != null && found.decimalValue().compareTo(wanted) == 0;
        }
        if (found.isTextual()) {
            return found.textValue().equals(expected);
        }
        if (found.isBoolean() || found.isNull()) {
            return found.asText().equals(expected);
        }
        return false;
    }
}

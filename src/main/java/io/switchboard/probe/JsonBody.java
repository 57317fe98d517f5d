package io.switchboard.probe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** An answer's body read as JSON once, for the pointers of a check or a resource; or why it is not JSON. */
final class JsonBody {
    /** Decimals stay exact, so a balance of 0.10 is not 0.1000000000000000055 and huge exponents do not overflow. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final @Nullable JsonNode root;
    private final String problem;

    private JsonBody(@Nullable JsonNode root, String problem) {
        this.root = root;
        this.problem = problem;
    }

    /** Parses the body; a body cut at the probe's limit is not parsed, since its end is missing. */
    static JsonBody parse(ProbeAnswer.Received answer) {
        if (answer.truncated()) {
            return new JsonBody(null, "the body is longer than 1 MiB, more than a probe reads");
        }
        if (answer.body().isBlank()) {
            return new JsonBody(null, "the body is empty, not JSON");
        }
        try {
            return new JsonBody(MAPPER.readTree(answer.body()), "");
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String place = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            // Jackson adds where an unclosed object started, naming a redacted source; the place of the end says
            // enough.
            String message = e.getOriginalMessage().replaceAll(" \\(start marker at \\[Source:[^\\]]*]\\)", "");
            return new JsonBody(null, "the body is not JSON (" + ProbeText.shorten(message) + place + ")");
        } catch (RuntimeException e) {
            // Jackson reports some number overflows unchecked; a provider's garbage is a failed reading, never a crash.
            return new JsonBody(null, "the body is not JSON the gateway can read (" + ProbeText.describe(e) + ")");
        }
    }

    /** Returns the node at the pointer (missing when there is none), or null when the body is not JSON. */
    @Nullable
    JsonNode at(String pointer) {
        return root == null ? null : root.at(pointer);
    }

    /** Returns why the body is not JSON; empty when it is. */
    String problem() {
        return problem;
    }

    /** Returns how a found node reads in a message: JSON text, cut short when long. */
    static String shown(JsonNode node) {
        if (node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return ProbeText.shorten(node.toString());
    }

    /** Returns the number a text holds, such as {@code 12}, {@code -0.5} or {@code 1e3}, or null when it holds none. */
    static @Nullable BigDecimal decimal(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,4})?")) {
            return null;
        }
        return new BigDecimal(trimmed);
    }
}

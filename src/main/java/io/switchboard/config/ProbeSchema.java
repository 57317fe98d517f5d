package io.switchboard.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The keys of a connector's {@code checks:} and {@code resources:}, and the syntax of what they hold: request lines,
 * JSON pointers (RFC 6901), regular expressions and thresholds.
 */
final class ProbeSchema {
    private static final Duration SHORTEST_EVERY = Duration.ofMillis(100);
    private static final Duration LONGEST_DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private static final String REQUEST_EXPECTED =
            "a request line of a method and a path, such as \"GET /api/ping\" or \"POST /v1/balance?currency=EUR\"";

    /** RFC 3986's pchar (unreserved, sub-delims, ":" and "@") plus "/", and "%" for escapes checked on their own. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");

    /** RFC 3986's query characters: pchar, "/" and "?". */
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** An HTTP header name: RFC 9110's token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Headers the gateway writes itself for every call. */
    private static final Set<String> GATEWAY_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "te", "upgrade", "trailer");

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private static final String POINTER_EXPECTED =
            "a JSON pointer (RFC 6901) that is empty or starts with /, such as /free or /data/0/count";

    private static final ValueType<String> NAME =
            Scalars.urlName("a name of lowercase letters, digits and dashes, such as ping or sms-balance");

    private static final ValueType<Duration> EVERY =
            ValueType.scalar("a duration of at least 100ms with a unit, such as 200ms, 60s or 5m", text -> {
                Duration every = DurationFormat.parse(text);
                if (every.compareTo(SHORTEST_EVERY) < 0) {
                    throw new IllegalArgumentException("too often");
                }
                return every;
            });

    private static final ValueType<RequestLine> REQUEST_LINE =
            ValueType.scalar(REQUEST_EXPECTED, ProbeSchema::requestLine);

    private static final ValueType<String> ANY_TEXT = ValueType.scalar("a text", text -> text);

    private static final ValueType<String> POINTER = ValueType.scalar(POINTER_EXPECTED, ProbeSchema::pointer);

    private static final ValueType<String> REGEX = ValueType.scalar(
            "a regular expression with a group around the number, such as \"free=(\\\\d+)\"", ProbeSchema::regex);

    private static final ValueType<Double> THRESHOLD =
            ValueType.scalar("a number such as 10, 0.5 or -100", ProbeSchema::number);

    private static final ValueType<Map<String, String>> HEADERS = ValueType.section(
            "a mapping of header names to values, such as { Accept: application/json }", ProbeSchema::headers);

    private static final ValueType<Map<String, String>> JSON = ValueType.section(
            "a mapping of JSON pointers to the values found there, such as { \"/status\": ok }", ProbeSchema::json);

    private static final ValueType<Expectations> EXPECT = ValueType.section(
            "a mapping such as { status: 200, body-contains: ok, json: { \"/status\": ok }, latency-under: 2s }",
            ProbeSchema::expectations);

    private static final ValueType<CheckConfig> CHECK = ValueType.section(
            "a check such as { name: ping, every: 60s, request: \"GET /api/ping\", expect: { status: 200 } }",
            ProbeSchema::check);

    private static final ValueType<ResourceConfig> RESOURCE = ValueType.section(
            "a resource such as { name: couriers, every: 5m, request: \"GET /api/couriers/free\", value: /free,"
                    + " warn-below: 10 }",
            ProbeSchema::resource);

    /** The type of a connector's {@code checks:}. */
    static final ValueType<List<CheckConfig>> CHECKS = new NamedListType<>(
            "a list of checks, such as [ { name: ping, every: 60s, request: \"GET /api/ping\" } ]", CHECK, "check");

    /** The type of a connector's {@code resources:}. */
    static final ValueType<List<ResourceConfig>> RESOURCES = new NamedListType<>(
            "a list of resources, such as [ { name: couriers, request: \"GET /api/couriers/free\", value: /free } ]",
            RESOURCE,
            "resource");

    private ProbeSchema() {}

    /**
     * A request line as parsed, before headers and body join it.
     *
     * @param method the method
     * @param path the path
     * @param query the query, or null
     */
    private record RequestLine(
            String method, String path, @Nullable String query) {}

    private static @Nullable CheckConfig check(Section section) {
        String name = section.required("name", NAME);
        Duration every = section.optional("every", EVERY, Duration.ofSeconds(60));
        Duration timeout = timeout(section, every);
        ProbeRequest request = request(section);
        Expectations expect = section.optional("expect", EXPECT, Expectations.DEFAULT);
        return name == null || request == null ? null : new CheckConfig(name, every, timeout, request, expect);
    }

    private static @Nullable ResourceConfig resource(Section section) {
        String name = section.required("name", NAME);
        Duration every = section.optional("every", EVERY, Duration.ofMinutes(5));
        Duration timeout = timeout(section, every);
        ProbeRequest request = request(section);
        ResourceConfig.Extraction extraction = extraction(section);
        Thresholds thresholds = thresholds(section);
        return name == null || request == null || extraction == null
                ? null
                : new ResourceConfig(name, every, timeout, request, extraction, thresholds);
    }

    /** Reads {@code timeout}, which a run must fit in before the next one starts. */
    private static Duration timeout(Section section, Duration every) {
        Duration timeout = section.optional("timeout", Scalars.POSITIVE_DURATION);
        if (timeout == null) {
            return every.compareTo(LONGEST_DEFAULT_TIMEOUT) < 0 ? every : LONGEST_DEFAULT_TIMEOUT;
        }
        if (timeout.compareTo(every) > 0) {
            section.report(
                    "timeout",
                    section.shown("timeout", "") + " (expected: at most every, " + DurationFormat.format(every)
                            + ", so that a run ends before the next one starts)");
            return every;
        }
        return timeout;
    }

    private static @Nullable ProbeRequest request(Section section) {
        RequestLine line = section.required("request", REQUEST_LINE);
        Map<String, String> headers = section.optional("headers", HEADERS, Map.of());
        String body = section.optional("body", ANY_TEXT);
        return line == null ? null : new ProbeRequest(line.method(), line.path(), line.query(), headers, body);
    }

    private static RequestLine requestLine(String text) {
        String[] parts = text.strip().split("\\s+", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a request line");
        }
        String method = parts[0];
        if (!METHODS.contains(method)) {
            String capitals = method.toUpperCase(Locale.ROOT);
            throw new UnexpectedValue("a method of " + String.join(", ", METHODS) + " before the path"
                    + (METHODS.contains(capitals)
                            ? "; did you mean \"" + capitals + "\"?"
                            : DidYouMean.hint(method, METHODS)));
        }
        String target = parts[1];
        if (!target.startsWith("/")) {
            throw new UnexpectedValue(
                    "a path that starts with /, below the connector's upstream URL, as in" + " \"GET /api/ping\"");
        }
        if (target.contains("#")) {
            throw new UnexpectedValue("a path without a fragment (#)");
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        if (!PATH.matcher(path).matches() || BROKEN_ESCAPE.matcher(path).find()) {
            throw new UnexpectedValue("a path of URL characters, with % only in escapes such as %20");
        }
        if (query != null
                && (!QUERY.matcher(query).matches()
                        || BROKEN_ESCAPE.matcher(query).find())) {
            throw new UnexpectedValue("a query of URL characters, with % only in escapes such as %20");
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            throw new UnexpectedValue("a path without encoded slashes (%2F, %5C)");
        }
        for (String segment : lower.split("/", -1)) {
            String decoded = segment.replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new UnexpectedValue(
                        "a path without . or .. segments; a probe stays below the connector's upstream URL");
            }
        }
        return new RequestLine(method, path, query == null || query.isEmpty() ? null : query);
    }

    private static Map<String, String> headers(Section section) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            String name = entry.key();
            String problem = null;
            if (!HEADER_NAME.matcher(name).matches()) {
                problem = "a header name such as Accept";
            } else if (GATEWAY_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problem = "a header other than Host, Content-Length, Transfer-Encoding, Connection, TE, Upgrade or"
                        + " Trailer, which the gateway writes itself";
            } else if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                problem = "each header once (header names are not case-sensitive)";
            }
            if (problem != null) {
                section.source()
                        .report(
                                entry.keyNode().getStartMark(),
                                section.path() + "." + name,
                                ValueText.quoted(name) + " (expected: " + problem + ")");
                continue;
            }
            String value = ANY_TEXT.read(section.valueOf(entry));
            if (value != null && !isHeaderValue(value)) {
                // The written text is shown, never the resolved one: a header value may come from a secret.
                section.report(
                        name,
                        section.shown(name, "") + " (expected: a header value without control characters or"
                                + " characters beyond Latin-1)");
            } else if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /** Returns whether the text can go in a header as it is: RFC 9110's field-value, tabs allowed. */
    private static boolean isHeaderValue(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Expectations expectations(Section section) {
        Integer status = section.optional("status", Scalars.wholeNumber(100, 599));
        String bodyContains = section.optional("body-contains", Scalars.TEXT);
        Map<String, String> json = section.optional("json", JSON, Map.of());
        Duration latencyUnder = section.optional("latency-under", Scalars.POSITIVE_DURATION);
        return new Expectations(status, bodyContains, json, latencyUnder);
    }

    /** Reads {@code json:}: each key a JSON pointer, each value the scalar expected there ({@code null} for null). */
    private static Map<String, String> json(Section section) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            String pointer = entry.key();
            String path = section.path() + "." + pointer;
            try {
                pointer(pointer);
            } catch (UnexpectedValue e) {
                section.source()
                        .report(
                                entry.keyNode().getStartMark(),
                                path,
                                ValueText.quoted(pointer) + " (expected: " + e.expected() + ")");
                continue;
            }
            Value value = section.valueOf(entry);
            if (value.isEmpty()) {
                // YAML's null stands for JSON's null here: { "/error": null } expects no error.
                expected.put(pointer, "null");
                continue;
            }
            if (!(value.node() instanceof ScalarNode)) {
                value.report(ValueText.describe(value.node(), false)
                        + " (expected: a text, number, true, false or null to find at the pointer)");
                continue;
            }
            String text = ANY_TEXT.read(value);
            if (text != null) {
                expected.put(pointer, text);
            }
        }
        return expected;
    }

    /** Returns the pointer when it is one by RFC 6901: empty, or "/"-separated tokens with ~ escaped as ~0 and ~1. */
    static String pointer(String text) {
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw new UnexpectedValue(POINTER_EXPECTED);
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '~' && (i + 1 == text.length() || "01".indexOf(text.charAt(i + 1)) < 0)) {
                throw new UnexpectedValue(
                        "a JSON pointer whose ~ is escaped as RFC 6901 says: ~0 for ~ and ~1 for /, such as /a~1b");
            }
        }
        try {
            JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new UnexpectedValue(POINTER_EXPECTED);
        }
        return text;
    }

    private static ResourceConfig.@Nullable Extraction extraction(Section section) {
        String pointer = section.optional("value", POINTER);
        String regex = section.optional("regex", REGEX);
        if (section.has("value") && section.has("regex")) {
            section.report(
                    "regex",
                    section.shown("regex", "")
                            + " (expected: either value or regex, and this one stands beside value)");
            return null;
        }
        if (!section.has("value") && !section.has("regex")) {
            section.report("a resource without value or regex (expected: where the number is, as a JSON pointer"
                    + " such as value: /free or a regular expression such as regex: \"free=(\\\\d+)\")");
            return null;
        }
        if (pointer != null) {
            return new ResourceConfig.JsonValue(pointer);
        }
        return regex == null ? null : new ResourceConfig.RegexGroup(regex);
    }

    private static String regex(String text) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new UnexpectedValue("a regular expression that compiles, and this one does not: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw new UnexpectedValue("a regular expression with a group around the number, such as"
                    + " \"free=(\\\\d+)\"; the first group's match is read as the value");
        }
        return text;
    }

    private static Double number(String text) {
        String trimmed = text.strip();
        if (!NUMBER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a number");
        }
        double value = Double.parseDouble(trimmed);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite");
        }
        return value;
    }

    private static Thresholds thresholds(Section section) {
        Double warnBelow = section.optional("warn-below", THRESHOLD);
        Double criticalBelow = section.optional("critical-below", THRESHOLD);
        Double warnAbove = section.optional("warn-above", THRESHOLD);
        Double criticalAbove = section.optional("critical-above", THRESHOLD);
        if (warnBelow != null && criticalBelow != null && criticalBelow > warnBelow) {
            section.report(
                    "critical-below",
                    section.shown("critical-below", "") + " (expected: at most warn-below, "
                            + section.shown("warn-below", "") + "; a value falls below warn before critical)");
            criticalBelow = null;
        }
        if (warnAbove != null && criticalAbove != null && criticalAbove < warnAbove) {
            section.report(
                    "critical-above",
                    section.shown("critical-above", "") + " (expected: at least warn-above, "
                            + section.shown("warn-above", "") + "; a value rises above warn before critical)");
            criticalAbove = null;
        }
        String highestBelow = warnBelow != null ? "warn-below" : criticalBelow != null ? "critical-below" : null;
        Double below = warnBelow != null ? warnBelow : criticalBelow;
        for (String above : List.of("warn-above", "critical-above")) {
            Double limit = above.equals("warn-above") ? warnAbove : criticalAbove;
            if (highestBelow != null && below != null && limit != null && limit < below) {
                section.report(
                        above,
                        section.shown(above, "") + " (expected: at least " + highestBelow + ", "
                                + section.shown(highestBelow, "") + ", so that some values are ok)");
                return new Thresholds(warnBelow, criticalBelow, null, null);
            }
        }
        return new Thresholds(warnBelow, criticalBelow, warnAbove, criticalAbove);
    }

    /**
     * A list of named items (checks, resources) whose names must differ; a repeated name is reported at the later
     * item's {@code name}.
     *
     * @param expected what a right list looks like
     * @param item the type of each item
     * @param noun what an item is called in messages
     * @param <T> what each item becomes
     */
    private record NamedListType<T>(String expected, ValueType<T> item, String noun) implements ValueType<List<T>> {
        @Override
        public @Nullable List<T> read(Value value) {
            if (!(value.node() instanceof SequenceNode) && !value.isEmpty()) {
                value.report(ValueText.describe(value.node(), false) + " (expected: " + expected + ")");
                return null;
            }
            List<Node> nodes = value.node() instanceof SequenceNode sequence ? sequence.getValue() : List.of();
            List<T> items = new ArrayList<>(nodes.size());
            Map<String, Integer> firstIndex = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                String path = value.path() + "[" + i + "]";
                T read = item.read(new Value(node, node.getStartMark(), path, value.source()));
                // Names are compared as written, so an item that is wrong otherwise still claims its name.
                Node nameNode = nameNode(node);
                if (nameNode instanceof ScalarNode scalar && Scalars.isUrlName(scalar.getValue())) {
                    Integer earlier = firstIndex.putIfAbsent(scalar.getValue(), i);
                    if (earlier != null) {
                        value.source()
                                .report(
                                        nameNode.getStartMark(),
                                        path + ".name",
                                        ValueText.quoted(scalar.getValue()) + " (expected: a name no other " + noun
                                                + " of the connector has; [" + earlier + "] has it too)");
                        continue;
                    }
                }
                if (read != null) {
                    items.add(read);
                }
            }
            return items;
        }

        /** Returns the value of the item's {@code name} key, or null when it has none. */
        private static @Nullable Node nameNode(Node item) {
            if (item instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key
                            && key.getValue().equals("name")) {
                        return tuple.getValueNode();
                    }
                }
            }
            return null;
        }
    }
}

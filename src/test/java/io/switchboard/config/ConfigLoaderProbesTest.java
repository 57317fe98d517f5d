package io.switchboard.config;

import static io.switchboard.config.TestYaml.connector;
import static io.switchboard.config.TestYaml.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderProbesTest {
    private static final String REQUEST_EXPECTED = "a request line of a method and a path, such as \"GET /api/ping\" or"
            + " \"POST /v1/balance?currency=EUR\"";

    /** A connector {@code sms} with the given lines below it, the first of them on line 4 at column 5. */
    private static String smsWith(String... lines) {
        return """
                connectors:
                  sms:
                    upstream: { endpoints: [ "https://sms.example.com" ] }
                """ + Arrays.stream(lines).map(line -> "    " + line + "\n").collect(Collectors.joining());
    }

    /** A connector whose one check is written as {@code { name: ping, request: "<line>" }} on line 5. */
    private static String checkRequesting(String requestLine) {
        return smsWith("checks:", "  - { name: ping, request: \"" + requestLine + "\" }");
    }

    /** A connector whose one resource holds the given keys after its name and request, on line 5. */
    private static String resourceWith(String keys) {
        return smsWith("resources:", "  - { name: balance, request: \"GET /balance\", " + keys + " }");
    }

    @Test
    void readsTheChecksAndResourcesOfTheDesignSample() {
        String yaml = smsWith(
                "checks:",
                "  - { name: ping, every: 60s, request: \"GET /api/ping\", expect: { status: 200, body-contains: ok } }",
                "resources:",
                "  - { name: couriers, every: 5m, request: \"GET /api/couriers/free\", value: /free, warn-below: 10,"
                        + " critical-below: 1 }");

        ConnectorConfig sms = connector(yaml);

        assertThat(sms.checks())
                .containsExactly(new CheckConfig(
                        "ping",
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5),
                        new ProbeRequest("GET", "/api/ping", null, Map.of(), null),
                        new Expectations(200, "ok", Map.of(), null)));
        assertThat(sms.resources())
                .containsExactly(new ResourceConfig(
                        "couriers",
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(5),
                        new ProbeRequest("GET", "/api/couriers/free", null, Map.of(), null),
                        new ResourceConfig.JsonValue("/free"),
                        new Thresholds(10.0, 1.0, null, null)));
    }

    @Test
    void hasNoChecksOrResourcesWhenTheKeysAreAbsent() {
        ConnectorConfig sms = connector(smsWith());

        assertThat(sms.checks()).isEmpty();
        assertThat(sms.resources()).isEmpty();
    }

    @Test
    void givesChecksAndResourcesTheirDefaults() {
        String yaml = smsWith(
                "checks:",
                "  - { name: ping, request: \"GET /ping\" }",
                "  - { name: fast, every: 200ms, request: \"GET /ping\" }",
                "resources:",
                "  - { name: balance, request: \"GET /balance\", value: /balance }");

        ConnectorConfig sms = connector(yaml);

        assertThat(sms.checks())
                .extracting(CheckConfig::every, CheckConfig::timeout, CheckConfig::expect)
                .containsExactly(
                        tuple(Duration.ofSeconds(60), Duration.ofSeconds(5), Expectations.DEFAULT),
                        tuple(Duration.ofMillis(200), Duration.ofMillis(200), Expectations.DEFAULT));
        assertThat(sms.resources().get(0).every()).isEqualTo(Duration.ofMinutes(5));
        assertThat(sms.resources().get(0).thresholds()).isEqualTo(Thresholds.NONE);
    }

    @Test
    void readsEveryPartOfACheck() {
        String yaml = smsWith(
                "checks:",
                "  - name: send-test",
                "    every: 2m",
                "    timeout: 3s",
                "    request: \"POST /v1/messages?dry-run=1\"",
                "    headers: { Accept: application/json, X-Tenant: \"${TENANT}\" }",
                "    body: '{\"to\": \"+10000000000\", \"text\": \"test\"}'",
                "    expect:",
                "      status: 202",
                "      body-contains: queued",
                "      latency-under: 1500ms",
                "      json: { \"/status\": queued, \"/count\": 1, \"/error\": null, \"/a~1b\": true, \"\": x }");

        CheckConfig check = TestYaml.connector(TestYaml.config(yaml, Map.of("TENANT", "shop")), "sms")
                .checks()
                .get(0);

        Map<String, String> json = new LinkedHashMap<>();
        json.put("/status", "queued");
        json.put("/count", "1");
        json.put("/error", "null");
        json.put("/a~1b", "true");
        json.put("", "x");
        assertThat(check)
                .isEqualTo(new CheckConfig(
                        "send-test",
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(3),
                        new ProbeRequest(
                                "POST",
                                "/v1/messages",
                                "dry-run=1",
                                Map.of("Accept", "application/json", "X-Tenant", "shop"),
                                "{\"to\": \"+10000000000\", \"text\": \"test\"}"),
                        new Expectations(202, "queued", json, Duration.ofMillis(1500))));
        assertThat(check.request().headers().keySet()).containsExactly("Accept", "X-Tenant");
    }

    @Test
    void keepsHeaderValuesAndBodyOutOfTheRequestsText() {
        String yaml = smsWith(
                "checks:",
                "  - { name: ping, request: \"GET /ping\", headers: { X-Key: \"${KEY}\" }, body: \"${KEY}\" }");

        ProbeRequest request = TestYaml.connector(TestYaml.config(yaml, Map.of("KEY", "hush-hush")), "sms")
                .checks()
                .get(0)
                .request();

        assertThat(request.toString()).doesNotContain("hush-hush").contains("X-Key");
    }

    @Test
    void readsAResourceThatExtractsByRegexWithEveryThreshold() {
        String yaml = resourceWith("regex: \"free=(\\\\d+)\", warn-below: 10, critical-below: 1.5, warn-above: 900,"
                + " critical-above: 1e3");

        ResourceConfig resource = connector(yaml).resources().get(0);

        assertThat(resource.extraction()).isEqualTo(new ResourceConfig.RegexGroup("free=(\\d+)"));
        assertThat(resource.thresholds()).isEqualTo(new Thresholds(10.0, 1.5, 900.0, 1000.0));
    }

    @ParameterizedTest(name = "\"{0}\" is {1} {2} with query {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "GET /api/ping                | GET     | /api/ping   | none",
                "POST /v1/balance?currency=EUR | POST   | /v1/balance | currency=EUR",
                "GET /                        | GET     | /           | none",
                "HEAD /a/b%20c?x=1&y=2        | HEAD    | /a/b%20c    | x=1&y=2",
                "DELETE /x?                   | DELETE  | /x          | none",
                "OPTIONS /a:b@c/~d            | OPTIONS | /a:b@c/~d   | none",
                "PATCH /a?b=/c?d              | PATCH   | /a          | b=/c?d"
            })
    void readsRequestLines(String line, String method, String path, String query) {
        ProbeRequest request = connector(checkRequesting(line)).checks().get(0).request();

        assertThat(request).isEqualTo(new ProbeRequest(method, path, query, Map.of(), null));
    }

    @ParameterizedTest(name = "request line \"{0}\" is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ping          | " + REQUEST_EXPECTED,
                "GET           | " + REQUEST_EXPECTED,
                "GET /a b      | " + REQUEST_EXPECTED,
                "get /x        | a method of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS before the path; did you"
                        + " mean \"GET\"?",
                "FETCH /x      | a method of GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS before the path; did you"
                        + " mean \"PATCH\"?",
                "GET api/ping  | a path that starts with /, below the connector's upstream URL, as in \"GET"
                        + " /api/ping\"",
                "GET http://evil.example/x | a path that starts with /, below the connector's upstream URL, as in"
                        + " \"GET /api/ping\"",
                "GET /a#top    | a path without a fragment (#)",
                "GET /a^b      | a path of URL characters, with % only in escapes such as %20",
                "GET /a%zz     | a path of URL characters, with % only in escapes such as %20",
                "GET /a?x=%    | a query of URL characters, with % only in escapes such as %20",
                "GET /a?x=<>   | a query of URL characters, with % only in escapes such as %20",
                "GET /a%2Fb    | a path without encoded slashes (%2F, %5C)",
                "GET /a/../b   | a path without . or .. segments; a probe stays below the connector's upstream URL",
                "GET /a/%2E%2e | a path without . or .. segments; a probe stays below the connector's upstream URL",
                "GET /./a      | a path without . or .. segments; a probe stays below the connector's upstream URL"
            })
    void refusesRequestLinesThatAreNoPathBelowTheUpstream(String line, String expected) {
        List<String> problems = problems(checkRequesting(line));

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:32: connectors.sms.checks[0].request: \"" + line + "\" (expected: "
                        + expected + ")");
    }

    @ParameterizedTest(name = "JSON pointer \"{0}\" is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "status | a JSON pointer (RFC 6901) that is empty or starts with /, such as /free or /data/0/count",
                "/a~2   | a JSON pointer whose ~ is escaped as RFC 6901 says: ~0 for ~ and ~1 for /, such as /a~1b",
                "/a~    | a JSON pointer whose ~ is escaped as RFC 6901 says: ~0 for ~ and ~1 for /, such as /a~1b",
                "#/a    | a JSON pointer (RFC 6901) that is empty or starts with /, such as /free or /data/0/count"
            })
    void refusesJsonPointersThatDoNotParse(String pointer, String expected) {
        String check = smsWith(
                "checks:", "  - { name: ping, request: \"GET /\", expect: { json: { \"" + pointer + "\": ok } } }");
        String resource = resourceWith("value: \"" + pointer + "\"");

        List<String> checkProblems = problems(check);
        List<String> resourceProblems = problems(resource);

        assertThat(checkProblems)
                .containsExactly("switchboard.yaml:5:59: connectors.sms.checks[0].expect.json." + pointer + ": \""
                        + pointer + "\" (expected: " + expected + ")");
        assertThat(resourceProblems)
                .containsExactly("switchboard.yaml:5:58: connectors.sms.resources[0].value: \"" + pointer
                        + "\" (expected: " + expected + ")");
    }

    @Test
    void refusesAJsonExpectationThatIsNoScalar() {
        String yaml = smsWith(
                "checks:", "  - { name: ping, request: \"GET /\", expect: { json: { \"/items\": [ 1, 2 ] } } }");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:69: connectors.sms.checks[0].expect.json./items: a list"
                        + " (expected: a text, number, true, false or null to find at the pointer)");
    }

    @Test
    void refusesARegexThatDoesNotCompile() {
        List<String> problems = problems(resourceWith("regex: \"free=(\\\\d+\""));

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:58: connectors.sms.resources[0].regex: \"free=(\\\\d+\""
                        + " (expected: a regular expression that compiles, and this one does not: Unclosed group near"
                        + " index 9)");
    }

    @Test
    void refusesARegexWithoutAGroup() {
        List<String> problems = problems(resourceWith("regex: \"free=\\\\d+\""));

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:58: connectors.sms.resources[0].regex: \"free=\\\\d+\" (expected:"
                        + " a regular expression with a group around the number, such as \"free=(\\\\d+)\"; the first"
                        + " group's match is read as the value)");
    }

    @Test
    void refusesAResourceWithBothValueAndRegex() {
        List<String> problems = problems(resourceWith("value: /free, regex: \"free=(\\\\d+)\""));

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:72: connectors.sms.resources[0].regex: \"free=(\\\\d+)\""
                        + " (expected: either value or regex, and this one stands beside value)");
    }

    @Test
    void refusesAResourceWithNeitherValueNorRegex() {
        List<String> problems = problems(resourceWith("warn-below: 10"));

        assertThat(problems)
                .containsExactly("switchboard.yaml:5:9: connectors.sms.resources[0]: a resource without value or"
                        + " regex (expected: where the number is, as a JSON pointer such as value: /free or a"
                        + " regular expression such as regex: \"free=(\\\\d+)\")");
    }

    @ParameterizedTest(name = "thresholds {0} are refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "warn-below: 10, critical-below: 20 | 5:97 | critical-below | \"20\" (expected: at most warn-below,"
                        + " \"10\"; a value falls below warn before critical)",
                "warn-above: 10, critical-above: 5  | 5:97 | critical-above | \"5\" (expected: at least warn-above,"
                        + " \"10\"; a value rises above warn before critical)",
                "warn-below: 10, warn-above: 5      | 5:93 | warn-above | \"5\" (expected: at least warn-below, \"10\","
                        + " so that some values are ok)",
                "critical-below: 10, critical-above: 5 | 5:101 | critical-above | \"5\" (expected: at least"
                        + " critical-below, \"10\", so that some values are ok)",
                "warn-below: ten                    | 5:77 | warn-below | \"ten\" (expected: a number such as 10, 0.5"
                        + " or -100)",
                "warn-below: .nan                   | 5:77 | warn-below | \".nan\" (expected: a number such as 10, 0.5"
                        + " or -100)"
            })
    void refusesThresholdsThatAreNoNumbersOrContradictEachOther(
            String thresholds, String place, String key, String message) {
        List<String> problems = problems(resourceWith("value: /free, " + thresholds));

        assertThat(problems)
                .containsExactly("switchboard.yaml:" + place + ": connectors.sms.resources[0]." + key + ": " + message);
    }

    @Test
    void acceptsEqualWarnBelowAndWarnAbove() {
        ResourceConfig resource = connector(resourceWith("value: /free, warn-below: 10, warn-above: 10"))
                .resources()
                .get(0);

        assertThat(resource.thresholds()).isEqualTo(new Thresholds(10.0, null, 10.0, null));
    }

    @Test
    void refusesTwoChecksOfTheSameName() {
        String yaml = smsWith(
                "checks:",
                "  - { name: ping, request: \"GET /ping\" }",
                "  - { name: deep, request: \"GET /health\" }",
                "  - { name: ping, request: \"GET /ping2\" }",
                "resources:",
                "  - { name: ping, request: \"GET /ping\", value: \"\" }",
                "  - { name: ping, request: \"GET /ping\", value: \"\" }");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:7:17: connectors.sms.checks[2].name: \"ping\" (expected: a name no other"
                                + " check of the connector has; [0] has it too)",
                        "switchboard.yaml:10:17: connectors.sms.resources[1].name: \"ping\" (expected: a name no other"
                                + " resource of the connector has; [0] has it too)");
    }

    @Test
    void reportsARepeatedNameEvenWhenTheFirstItemIsWrong() {
        String yaml = smsWith(
                "resources:",
                "  - { name: balance, request: \"GET /balance\", regex: 'balance=\\d+' }",
                "  - { name: balance, request: \"GET /balance.txt\", value: \"\" }");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:5:58: connectors.sms.resources[0].regex: \"balance=\\\\d+\" (expected: a"
                                + " regular expression with a group around the number, such as \"free=(\\\\d+)\"; the"
                                + " first group's match is read as the value)",
                        "switchboard.yaml:6:17: connectors.sms.resources[1].name: \"balance\" (expected: a name no other"
                                + " resource of the connector has; [0] has it too)");
    }

    @Test
    void refusesATimeoutLongerThanEveryAndTooFrequentRuns() {
        String yaml = smsWith(
                "checks:",
                "  - { name: ping, every: 1s, timeout: 2s, request: \"GET /ping\" }",
                "  - { name: fast, every: 50ms, request: \"GET /ping\" }");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:5:43: connectors.sms.checks[0].timeout: \"2s\" (expected: at most every, 1s,"
                                + " so that a run ends before the next one starts)",
                        "switchboard.yaml:6:30: connectors.sms.checks[1].every: \"50ms\" (expected: a duration of at"
                                + " least 100ms with a unit, such as 200ms, 60s or 5m)");
    }

    @Test
    void refusesHeadersTheGatewayWritesAndMalformedNames() {
        String yaml = smsWith(
                "checks:",
                "  - name: ping",
                "    request: \"GET /ping\"",
                "    headers:",
                "      Host: example.com",
                "      \"Bad Name\": x",
                "      accept: text/plain",
                "      Accept: application/json",
                "      X-Note: \"line\\nbreak\"");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:8:11: connectors.sms.checks[0].headers.Host: \"Host\" (expected: a header"
                                + " other than Host, Content-Length, Transfer-Encoding, Connection, TE, Upgrade or"
                                + " Trailer, which the gateway writes itself)",
                        "switchboard.yaml:9:11: connectors.sms.checks[0].headers.Bad Name: \"Bad Name\" (expected: a"
                                + " header name such as Accept)",
                        "switchboard.yaml:11:11: connectors.sms.checks[0].headers.Accept: \"Accept\" (expected: each"
                                + " header once (header names are not case-sensitive))",
                        "switchboard.yaml:12:19: connectors.sms.checks[0].headers.X-Note: \"line\\nbreak\" (expected: a"
                                + " header value without control characters or characters beyond Latin-1)");
    }

    @Test
    void reportsMissingKeysUnknownKeysAndWrongExpectations() {
        String yaml = smsWith(
                "checks:",
                "  - { every: 60s }",
                "  - { name: ping, request: \"GET /ping\", expects: { status: 200 } }",
                "  - { name: deep, request: \"GET /ping\", expect: { status: 20, latency-under: fast } }",
                "resources:",
                "  - { name: balance, value: /balance }");

        List<String> problems = problems(yaml);

        assertThat(problems)
                .containsExactly(
                        "switchboard.yaml:5:9: connectors.sms.checks[0].name: missing key (expected: a name of"
                                + " lowercase letters, digits and dashes, such as ping or sms-balance)",
                        "switchboard.yaml:5:9: connectors.sms.checks[0].request: missing key (expected: "
                                + REQUEST_EXPECTED + ")",
                        "switchboard.yaml:6:45: connectors.sms.checks[1].expects: unknown key (expected: one of name,"
                                + " every, timeout, request, headers, body, expect; did you mean \"expect\"?)",
                        "switchboard.yaml:7:63: connectors.sms.checks[2].expect.status: \"20\" (expected: a whole"
                                + " number from 100 to 599)",
                        "switchboard.yaml:7:82: connectors.sms.checks[2].expect.latency-under: \"fast\" (expected: a"
                                + " duration above zero with a unit, such as 250ms, 2s, 5m, 1h or 7d)",
                        "switchboard.yaml:9:9: connectors.sms.resources[0].request: missing key (expected: "
                                + REQUEST_EXPECTED + ")");
    }

    @Test
    void refusesChecksThatAreNoList() {
        List<String> problems = problems(smsWith("checks: { name: ping }"));

        assertThat(problems)
                .containsExactly("switchboard.yaml:4:13: connectors.sms.checks: a mapping (expected: a list of checks,"
                        + " such as [ { name: ping, every: 60s, request: \"GET /api/ping\" } ])");
    }
}

package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.GatewayProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogFormatIT {
    private static final String CONFIG = """
            gateway:
              listen: 127.0.0.1:0
              admin: 127.0.0.1:0
              drain-timeout: 1s
            connectors:
              stub:
                upstream:
                  endpoints: [ "http://127.0.0.1:9" ]
            """;

    @Test
    void writesOneJsonObjectPerLineWithLogFormatJson() throws Exception {
        List<String> lines;
        try (GatewayProcess gateway =
                GatewayProcess.withYaml(CONFIG).args("--log-format", "json").start()) {
            gateway.process().destroy();
            assertThat(gateway.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            lines = gateway.stderrLines();
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.isObject()).as(event.toString()).isTrue();
            assertThat(event.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("loggerName").asText()).isNotEmpty();
            assertThat(event.path("timestamp").isNumber()).isTrue();
        });
        List<String> messages = events.stream()
                .map(event -> event.path("formattedMessage").asText())
                .toList();
        assertThat(messages).anyMatch(message -> message.matches("proxy listening on 127\\.0\\.0\\.1:\\d+"));
        assertThat(messages).contains("stopping: draining calls in flight for up to 1 s");
    }

    @Test
    void writesReadableLinesByDefault() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.withYaml(CONFIG).start()) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> gateway.stderrLines().stream().anyMatch(line -> line.contains("admin listening")));

            List<String> lines = gateway.stderrLines();

            // Logback reports a broken logback.xml on the console and then logs nothing; no such report here.
            assertThat(lines).noneMatch(line -> line.contains("ch.qos.logback"));
            assertThat(lines)
                    .allMatch(
                            line -> line.matches(
                                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO|WARN|ERROR) +\\w+ - .*"));
            assertThat(lines).anyMatch(line -> line.contains("INFO  ProxyServer - proxy listening on 127.0.0.1:"));
        }
    }
}

package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.GatewayProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code switchboard demo} in a child JVM at twenty times its normal speed, from start to Ctrl-C. */
class DemoSmokeIT {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token\\s+([0-9a-f]+)");
    private static final Pattern DATA = Pattern.compile("^\\s+data\\s+(\\S+)");

    private static String find(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line matches " + pattern + " in:\n" + String.join("\n", lines));
    }

    private static JsonObject admin(GatewayProcess demo, String token, String path) throws IOException {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(demo.admin(path))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return new JsonObject(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean turnedRed(GatewayProcess demo, String token, String connector) throws IOException {
        JsonArray events = admin(demo, token, "/api/v1/events?connector=" + connector + "&kind=lamp-changed")
                .getJsonArray("events");
        return events.stream()
                .map(JsonObject.class::cast)
                .anyMatch(event -> "red".equals(event.getJsonObject("details").getString("lamp")));
    }

    private static HttpResponse<String> sms(GatewayProcess demo) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(demo.proxy("/~sms/messages"))
                        .header("Switchboard-Caller", "smoke-test")
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+79001234567\",\"text\":\"hi\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void showsAGreyCourierFailsSmsOverToSmsBetaOnceSmsAlphaRunsDryAndStopsCleanly() throws Exception {
        try (GatewayProcess demo = GatewayProcess.demo()
                .args("--port", "0", "--admin-port", "0", "--speed", "20")
                .start()) {
            String token = find(ADMIN_TOKEN, demo.stdoutLines());
            Path data = Path.of(find(DATA, demo.stdoutLines()));

            assertThat(admin(demo, token, "/api/v1/connectors").getJsonArray("connectors"))
                    .hasSize(6);
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> admin(demo, token, "/api/v1/connectors/courier-economy")
                            .getString("lamp")
                            .equals("grey"));
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> turnedRed(demo, token, "sms-alpha"));
            assertThat(admin(demo, token, "/api/v1/connectors/sms-beta").getString("lamp"))
                    .isEqualTo("green");
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> "sms-beta"
                            .equals(sms(demo)
                                    .headers()
                                    .firstValue("Switchboard-Connector")
                                    .orElse(null)));
            HttpResponse<String> sent = sms(demo);
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(sent.body()).getString("provider")).isEqualTo("sms-beta");
            JsonArray switches =
                    admin(demo, token, "/api/v1/events?kind=provider-changed").getJsonArray("events");
            assertThat(switches.stream().map(JsonObject.class::cast).map(event -> event.getString("message")))
                    .anyMatch(message -> message.contains("sms-beta"));
            assertThat(data).isDirectory();

            demo.process().destroy();

            assertThat(demo.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.process().exitValue()).isZero();
            assertThat(data).doesNotExist();
            assertThat(demo.stderrLines()).anyMatch(line -> line.contains("demo traffic stopped after"));
        }
    }
}

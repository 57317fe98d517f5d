package io.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.config.Secret;
import io.switchboard.config.WebhookConfig;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final FakeUpstream RECEIVER = new FakeUpstream();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<WebhookConfig> webhooks = new CopyOnWriteArrayList<>();
    private final WebhookSender sender = new WebhookSender(() -> webhooks, Duration.ofMillis(50), registry);

    @AfterEach
    void closeSender() {
        sender.close();
    }

    @Test
    void postsTheEventAsJsonWithASlackText() {
        webhooks.add(webhook("/hooks/T0/B0/secret", Set.of(), null));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("delivered") == 1);
        FakeUpstream.Recorded request = RECEIVER.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/T0/B0/secret");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Switchboard-Event")).isEqualTo("switched");
        assertThat(request.header("Switchboard-Event-Id")).isEqualTo("0190f5a4-0000-7000-8000-000000000001");
        assertThat(new JsonObject(request.bodyText())).isEqualTo(new JsonObject("""
                        {
                          "id": "0190f5a4-0000-7000-8000-000000000001",
                          "time": "2026-03-02T14:02:00Z",
                          "connector": "courier-express",
                          "kind": "switched",
                          "severity": "warning",
                          "message": "connector 'courier-express' switched off by night-shift: provider outage",
                          "actor": "night-shift",
                          "details": {"on": false, "reason": "provider outage", "wasOn": true},
                          "text": "🔴 courier-express: switched off by night-shift: provider outage"
                        }
                        """));
    }

    @Test
    void sendsTheSecretHeader() {
        webhooks.add(
                webhook("/hook", Set.of(), new WebhookConfig.SecretHeader("X-Hook-Token", new Secret("hook-secret"))));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("delivered") == 1);
        assertThat(RECEIVER.received().get(0).header("X-Hook-Token")).isEqualTo("hook-secret");
    }

    @Test
    void sendsOnlyTheKindsAWebhookAsksFor() {
        webhooks.add(webhook("/lamps", Set.of("lamp-changed"), null));
        webhooks.add(webhook("/all", Set.of(), null));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("delivered") == 1);
        assertThat(RECEIVER.receivedPaths()).containsExactly("/all");
    }

    @Test
    void triesAgainAfterAServerError() {
        RECEIVER.enqueue(Reply.status(500, "busy"), Reply.status(503, "still busy"));
        webhooks.add(webhook("/hook", Set.of(), null));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("delivered") == 1);
        assertThat(RECEIVER.received()).hasSize(3);
        assertThat(deliveries("retried")).isEqualTo(2);
        assertThat(sender.pending()).isZero();
    }

    @Test
    void givesUpAfterFiveTries() {
        RECEIVER.answerWith(request -> Reply.status(502, "down"));
        webhooks.add(webhook("/hook", Set.of(), null));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("failed") == 1);
        assertThat(RECEIVER.received()).hasSize(WebhookSender.MAX_TRIES);
        assertThat(deliveries("retried")).isEqualTo(WebhookSender.MAX_TRIES - 1);
        assertThat(sender.pending()).isZero();
    }

    @Test
    void doesNotRetryAnAnswerThatWillNotChange() {
        RECEIVER.answerWith(request -> Reply.status(404, "no such hook"));
        webhooks.add(webhook("/gone", Set.of(), null));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("failed") == 1);
        assertThat(RECEIVER.received()).hasSize(1);
    }

    @Test
    void retriesAReceiverThatIsNotThere() {
        webhooks.add(new WebhookConfig(
                new Secret(io.switchboard.testing.RunningVertx.refusingUrl() + "/hook/secret"), Set.of(), null));

        sender.send(switchedOff());

        await().atMost(WAIT).until(() -> deliveries("failed") == 1);
        assertThat(deliveries("retried")).isEqualTo(WebhookSender.MAX_TRIES - 1);
    }

    @Test
    void marksALampChangeWithItsColour() {
        Event event = new Event(
                "0190f5a4-0000-7000-8000-000000000002",
                Instant.parse("2026-03-02T14:02:01Z"),
                "courier-express",
                Event.LAMP_CHANGED,
                Severity.WARNING,
                "connector 'courier-express' turned yellow (was green): error rate 8% over the last 5m",
                null,
                "{\"lamp\": \"yellow\", \"was\": \"green\", \"reasons\": []}");

        String text = WebhookMessage.of(event).getString("text");

        assertThat(text).isEqualTo("🟡 courier-express: turned yellow (was green): error rate 8% over the last 5m");
    }

    @Test
    void namesTheGatewayForEventsOfNoConnector() {
        Event event = new Event(
                "0190f5a4-0000-7000-8000-000000000003",
                Instant.parse("2026-03-02T14:02:01Z"),
                null,
                Event.CONFIG_RELOADED,
                Severity.INFO,
                "config generation 4 in force",
                "admin",
                "{}");

        assertThat(WebhookMessage.of(event).getString("text"))
                .isEqualTo("🔵 switchboard: config generation 4 in force");
    }

    private double deliveries(String result) {
        var counter = registry.find("switchboard_webhook_deliveries")
                .tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static WebhookConfig webhook(String path, Set<String> events, WebhookConfig.@Nullable SecretHeader header) {
        return new WebhookConfig(new Secret(RECEIVER.baseUrl() + path), events, header);
    }

    private static Event switchedOff() {
        return new Event(
                "0190f5a4-0000-7000-8000-000000000001",
                Instant.parse("2026-03-02T14:02:00Z"),
                "courier-express",
                Event.SWITCHED,
                Severity.WARNING,
                "connector 'courier-express' switched off by night-shift: provider outage",
                "night-shift",
                "{\"on\": false, \"reason\": \"provider outage\", \"wasOn\": true}");
    }
}

package io.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.health.Lamp;
import io.switchboard.health.LampEvaluator;
import io.switchboard.health.LampReason;
import io.switchboard.health.Signal;
import io.switchboard.store.Event;
import io.switchboard.store.Severity;
import io.switchboard.store.StoreLocation;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.PrometheusText;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LampWatchTest {
    private static final LampReason SWITCHED_OFF =
            new LampReason(Lamp.RED, "switch", "switched off by night-shift at 14:02: provider outage");
    private static final LampReason SLOW =
            new LampReason(Lamp.YELLOW, "objective", "p95 latency 2.5s over the last 5m (objective 2s)");

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.start();
    private final GatewayMetrics metrics = new GatewayMetrics(clock);
    private final Map<String, List<LampReason>> reasons = new ConcurrentHashMap<>();
    private final List<String> connectors = new CopyOnWriteArrayList<>(List.of("courier", "sms"));
    private final List<Event> recorded = new CopyOnWriteArrayList<>();
    private StoreLink store;
    private LampWatch watch;

    @BeforeEach
    void startWatch() {
        store = StoreLink.open(new StoreLocation.Sqlite(directory.resolve("switchboard.db")), clock);
        EventRecorder events = new EventRecorder(store, clock, RandomGenerator.of("L64X128MixRandom"), metrics);
        events.addListener(recorded::add);
        Signal signal = (connector, now) -> reasons.getOrDefault(connector, List.of());
        watch = new LampWatch(
                () -> new ArrayList<>(connectors),
                LampEvaluator.of(List.of(signal)),
                events,
                metrics.registry(),
                clock);
    }

    @AfterEach
    void stopWatch() {
        watch.close();
        store.close();
    }

    @Test
    void recordsNothingWhileEveryLampStaysGreen() {
        watch.evaluateAll();
        watch.evaluateAll();

        assertThat(recorded).isEmpty();
        assertThat(watch.status("courier").lamp()).isEqualTo(Lamp.GREEN);
    }

    @Test
    void recordsALampChangeWithEveryReason() {
        watch.evaluateAll();
        reasons.put("courier", List.of(SLOW, SWITCHED_OFF));

        watch.evaluateAll();

        assertThat(recorded).hasSize(1);
        Event event = recorded.get(0);
        assertThat(event.kind()).isEqualTo(Event.LAMP_CHANGED);
        assertThat(event.connector()).isEqualTo("courier");
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.actor()).isNull();
        assertThat(event.message())
                .isEqualTo("connector 'courier' turned red (was green): switched off by night-shift at 14:02:"
                        + " provider outage");
        assertThat(new JsonObject(event.details())).isEqualTo(new JsonObject("""
                        {"lamp": "red", "was": "green", "reasons": [
                          {"lamp": "red", "source": "switch",
                           "text": "switched off by night-shift at 14:02: provider outage"},
                          {"lamp": "yellow", "source": "objective",
                           "text": "p95 latency 2.5s over the last 5m (objective 2s)"}
                        ]}
                        """));
        assertThat(watch.status("courier").reasons()).containsExactly(SWITCHED_OFF, SLOW);
    }

    @Test
    void recordsOnlyColourChangesNotNewWordsForTheSameColour() {
        reasons.put("courier", List.of(SLOW));
        watch.evaluateAll();
        reasons.put(
                "courier",
                List.of(new LampReason(Lamp.YELLOW, "objective", "p95 latency 3.1s over the last 5m (objective 2s)")));

        watch.evaluateAll();

        assertThat(recorded).hasSize(1);
        assertThat(watch.status("courier").reasons().get(0).text()).contains("3.1s");
    }

    @Test
    void recordsTheWayBackToGreenAsInformation() {
        reasons.put("courier", List.of(SWITCHED_OFF));
        watch.evaluateAll();
        reasons.clear();

        watch.evaluateAll();

        assertThat(recorded).hasSize(2);
        Event back = recorded.get(1);
        assertThat(back.severity()).isEqualTo(Severity.INFO);
        assertThat(back.message()).isEqualTo("connector 'courier' turned green (was red)");
        assertThat(new JsonObject(back.details()).getJsonArray("reasons")).isEmpty();
    }

    @Test
    void aConnectorThatStartsOtherThanGreenIsAChangeFromGreen() {
        reasons.put("sms", List.of(new LampReason(Lamp.GREY, "schedule", "closed until Mon 09:00 Europe/Moscow")));

        watch.evaluateAll();

        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.connector()).isEqualTo("sms");
            assertThat(event.severity()).isEqualTo(Severity.INFO);
            assertThat(event.message())
                    .isEqualTo("connector 'sms' turned grey (was green): closed until Mon 09:00 Europe/Moscow");
        });
    }

    @Test
    void exportsEachLampAsAGaugeAndCountsChanges() {
        reasons.put("courier", List.of(SWITCHED_OFF));
        reasons.put("sms", List.of(SLOW));
        watch.evaluateAll();
        reasons.remove("courier");
        watch.evaluateAll();
        reasons.put("courier", List.of(SWITCHED_OFF));

        watch.evaluateAll();

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());
        assertThat(scrape.value("switchboard_lamp", Map.of("connector", "courier")))
                .isEqualTo(3);
        assertThat(scrape.value("switchboard_lamp", Map.of("connector", "sms"))).isEqualTo(2);
        assertThat(scrape.value("switchboard_lamp_changes_total", Map.of("connector", "courier", "lamp", "red")))
                .isEqualTo(2);
        assertThat(scrape.value("switchboard_lamp_changes_total", Map.of("connector", "courier", "lamp", "green")))
                .isEqualTo(1);
        assertThat(scrape.value("switchboard_events_total", Map.of("kind", "lamp-changed")))
                .isEqualTo(4);
    }

    @Test
    void forgetsAConnectorThatLeftTheConfig() {
        watch.evaluateAll();
        connectors.remove("sms");

        watch.evaluateAll();

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());
        assertThat(scrape.hasLabel("connector", "sms")).isFalse();
        assertThat(scrape.value("switchboard_lamp", Map.of("connector", "courier")))
                .isZero();
    }

    @Test
    void evaluatesAtTheClocksTime() {
        Set<Instant> asked = ConcurrentHashMap.newKeySet();
        LampWatch timed = new LampWatch(
                () -> List.of("courier"),
                LampEvaluator.of(List.of((connector, now) -> {
                    asked.add(now);
                    return List.of();
                })),
                new EventRecorder(store, clock, RandomGenerator.of("L64X128MixRandom"), metrics),
                metrics.registry(),
                clock);

        timed.evaluateAll();

        assertThat(asked).containsExactly(clock.instant());
        timed.close();
    }
}

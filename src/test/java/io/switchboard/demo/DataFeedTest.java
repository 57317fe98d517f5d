package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.MutableClock;
import io.switchboard.testing.RunningVertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DataFeedTest {
    @RegisterExtension
    static final RunningVertx VERTX = new RunningVertx();

    private static final Duration CYCLE = Duration.ofSeconds(100);

    private static List<Integer> statuses(String url, int calls) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(Providers.send(Providers.request(url, "/rates")).statusCode());
        }
        return statuses;
    }

    @Test
    void goesFromCalmToABurstAndBackWithinEachCycle() {
        MutableClock clock = MutableClock.start();
        DataFeed feed = new DataFeed(VERTX.vertx(), clock, new SplittableRandom(7), CYCLE);
        List<DataFeed.Phase> phases = new ArrayList<>();

        for (int second = 0; second < 200; second += 5) {
            phases.add(feed.phase());
            clock.advance(Duration.ofSeconds(5));
        }

        // 100 s cycles in 5 s steps: calm for 0-50, burst for 55-75, calm for 80-95; twice.
        List<DataFeed.Phase> cycle = new ArrayList<>();
        for (int second = 0; second < 100; second += 5) {
            cycle.add(second >= 55 && second < 80 ? DataFeed.Phase.BURST : DataFeed.Phase.CALM);
        }
        List<DataFeed.Phase> expected = new ArrayList<>(cycle);
        expected.addAll(cycle);
        assertThat(phases).isEqualTo(expected);
        assertThat(feed.burstOffset()).isEqualTo(Duration.ofSeconds(55));
    }

    @Test
    void answersEveryCallWhenCalm() {
        MutableClock clock = MutableClock.start();
        String url = Providers.start(VERTX.vertx(), new DataFeed(VERTX.vertx(), clock, new SplittableRandom(7), CYCLE));

        List<Integer> statuses = statuses(url, 20);

        assertThat(statuses).containsOnly(200);
    }

    @Test
    void failsMostCallsWith5xxDuringABurstAndRecoversAfterIt() {
        MutableClock clock = MutableClock.start();
        String url = Providers.start(VERTX.vertx(), new DataFeed(VERTX.vertx(), clock, new SplittableRandom(7), CYCLE));

        clock.advance(Duration.ofSeconds(60));
        List<Integer> burst = statuses(url, 20);
        clock.advance(Duration.ofSeconds(30));
        List<Integer> after = statuses(url, 10);

        assertThat(burst.stream().filter(status -> status >= 500).count()).isGreaterThanOrEqualTo(10);
        assertThat(burst).isSubsetOf(200, 500, 503);
        assertThat(after).containsOnly(200);
    }

    @Test
    void answersOnlyRates() {
        String url = Providers.start(
                VERTX.vertx(), new DataFeed(VERTX.vertx(), MutableClock.start(), new SplittableRandom(7), CYCLE));

        assertThat(Providers.send(Providers.request(url, "/other")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void ratesAreJsonWithABaseAndRates() {
        String url = Providers.start(
                VERTX.vertx(), new DataFeed(VERTX.vertx(), MutableClock.start(), new SplittableRandom(7), CYCLE));

        HttpResponse<byte[]> response = Providers.send(Providers.request(url, "/rates"));

        assertThat(new io.vertx.core.json.JsonObject(
                                new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .getJsonObject("rates")
                        .fieldNames())
                .containsExactlyInAnyOrder("USD", "EUR", "CNY");
    }
}

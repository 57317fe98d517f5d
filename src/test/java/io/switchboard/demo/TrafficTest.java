package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.RunningVertx;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrafficTest {
    @RegisterExtension
    static final RunningVertx VERTX = new RunningVertx();

    @Test
    void callsEveryRouteAsItsCallerAndTalliesTheAnswersByConnector() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        String url = Providers.start(
                VERTX.vertx(),
                request -> request.body().onSuccess(body -> {
                    seen.add(request.getHeader(Traffic.CALLER_HEADER) + " " + request.method() + " " + request.uri()
                            + " " + body.length());
                    request.response()
                            .putHeader(Traffic.CONNECTOR_HEADER, "sms-beta")
                            .end("ok");
                }));
        List<Traffic.Route> routes = List.of(
                new Traffic.Route(
                        "notifier", HttpMethod.POST, random -> "/~sms/messages", random -> "{}", Duration.ofMillis(50)),
                Traffic.Route.of("shop", HttpMethod.GET, "/courier-express/orders/1", Duration.ofMillis(50)));

        Traffic traffic = Traffic.start(VERTX.vertx(), URI.create(url).getPort(), routes, new SplittableRandom(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> traffic.total() >= 10);
        traffic.stop().await(5, TimeUnit.SECONDS);

        assertThat(seen).contains("notifier POST /~sms/messages 2", "shop GET /courier-express/orders/1 0");
        assertThat(traffic.answers()).containsOnlyKeys("sms-beta 200");
    }

    @Test
    void sendsTheApiKeyInsteadOfTheNameForACallerThatHasOne() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        String url = Providers.start(VERTX.vertx(), request -> {
            seen.add(request.getHeader(Traffic.CALLER_HEADER) + " " + request.getHeader(Traffic.API_KEY_HEADER));
            request.response().end();
        });
        List<Traffic.Route> routes = List.of(
                Traffic.Route.of("billing", HttpMethod.GET, "/payments/payments/1", Duration.ofMillis(50)),
                Traffic.Route.of("shop", HttpMethod.GET, "/payments/payments/2", Duration.ofMillis(50)));

        Traffic traffic = Traffic.start(
                VERTX.vertx(), URI.create(url).getPort(), routes, new SplittableRandom(5), Map.of("billing", "b-key"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 2);
        traffic.stop().await(5, TimeUnit.SECONDS);

        assertThat(seen).containsExactlyInAnyOrder("null b-key", "shop null");
    }

    @Test
    void keepsAtMostFourCallsOpenPerRouteWhenTheProviderStalls() throws Exception {
        AtomicInteger received = new AtomicInteger();
        String url = Providers.start(VERTX.vertx(), request -> received.incrementAndGet());
        List<Traffic.Route> routes =
                List.of(Traffic.Route.of("shop", HttpMethod.GET, "/stalled", Duration.ofMillis(10)));

        Traffic traffic = Traffic.start(VERTX.vertx(), URI.create(url).getPort(), routes, new SplittableRandom(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.get() >= Traffic.MAX_IN_FLIGHT);
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        traffic.stop().await(5, TimeUnit.SECONDS);

        assertThat(received.get()).isEqualTo(Traffic.MAX_IN_FLIGHT);
    }

    @Test
    void theDemoRoutesComeFromThreeCallersAtAFewCallsASecond() {
        List<Traffic.Route> routes = DemoTraffic.routes();

        double perSecond = routes.stream()
                .mapToDouble(route -> 1000.0 / route.every().toMillis())
                .sum();
        assertThat(routes).extracting(Traffic.Route::caller).containsOnly("shop", "billing", "notifier");
        assertThat(perSecond).isBetween(2.0, 6.0);
    }
}

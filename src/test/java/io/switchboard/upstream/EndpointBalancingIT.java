package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndpointBalancingIT {
    @RegisterExtension
    static final FakeUpstream FIRST = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream SECOND = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream THIRD = new FakeUpstream();

    // After the fixtures its YAML names, whatever order JUnit would pick for the fields otherwise.
    @Order(Integer.MAX_VALUE)
    @RegisterExtension
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(
            () -> RunningGateway.LISTEN_ANY_PORT + """
            connectors:
              spread:
                upstream:
                  endpoints: [ "%1$s", "%2$s", "%3$s" ]
              idle-first:
                upstream:
                  endpoints: [ "%1$s", "%2$s" ]
                  balance: least-requests
            """.formatted(FIRST.baseUrl(), SECOND.baseUrl(), THIRD.baseUrl()));

    @Test
    void spreadsCallsEvenlyRoundRobin() {
        for (int i = 0; i < 30; i++) {
            assertThat(GATEWAY.get("/spread/item/" + i).statusCode()).isEqualTo(200);
        }

        assertThat(FIRST.received()).hasSize(10);
        assertThat(SECOND.received()).hasSize(10);
        assertThat(THIRD.received()).hasSize(10);
    }

    @Test
    void sendsToTheIdleEndpointWhileTheOtherIsBusyWithLeastRequests() {
        Reply slow = Reply.ok("slow").after(Duration.ofSeconds(3));
        FIRST.answerWith(request -> request.path().equals("/slow") ? slow : Reply.ok("fast"));
        SECOND.answerWith(request -> request.path().equals("/slow") ? slow : Reply.ok("fast"));
        CompletableFuture<HttpResponse<String>> busy = GATEWAY.client()
                .sendAsync(
                        java.net.http.HttpRequest.newBuilder(GATEWAY.proxy("/idle-first/slow"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> FIRST.received().size() + SECOND.received().size() == 1);
        FakeUpstream busyOne = FIRST.received().isEmpty() ? SECOND : FIRST;
        FakeUpstream idleOne = busyOne == FIRST ? SECOND : FIRST;

        for (int i = 0; i < 10; i++) {
            assertThat(GATEWAY.get("/idle-first/fast/" + i).body()).isEqualTo("fast");
        }

        assertThat(idleOne.received()).hasSize(10);
        assertThat(busyOne.receivedPaths()).containsExactly("/slow");
        assertThat(busy.join().statusCode()).isEqualTo(200);
    }
}

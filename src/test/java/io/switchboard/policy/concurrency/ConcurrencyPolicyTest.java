package io.switchboard.policy.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.config.LimitsConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrencyPolicyTest {
    @RegisterExtension
    static final FakeUpstream upstream = new FakeUpstream();

    @RegisterExtension
    static final RunningVertx loop = new RunningVertx();

    @Test
    void rejectsBeyondConcurrencyLimitAndReleasesOnCompletion() {
        upstream.answerWith(request -> Reply.ok("done").after(Duration.ofMillis(300)));
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.from(limit(2));
        Pipeline pipeline = Pipeline.of(List.of(concurrency), loop.terminal(upstream.baseUrl()));
        CompletableFuture<Outcome> first = loop.start(() -> pipeline.handle(exchange()));
        CompletableFuture<Outcome> second = loop.start(() -> pipeline.handle(exchange()));

        Outcome third = loop.await(() -> pipeline.handle(exchange()));

        assertThat(third).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.producer()).isEqualTo("concurrency");
            assertThat(rejection.problem().kind()).isEqualTo(ErrorKind.OVERLOADED);
            assertThat(rejection.problem().status()).isEqualTo(503);
            assertThat(rejection.problem().detail())
                    .isEqualTo("connector 'courier' has 2 calls in flight (its concurrency limit)");
        });
        assertThat(concurrency.inFlight()).isEqualTo(2);
        assertThat(loop.bodyOf(RunningVertx.waitFor(first))).isEqualTo("done");
        assertThat(loop.bodyOf(RunningVertx.waitFor(second))).isEqualTo("done");
        await().atMost(Duration.ofSeconds(3)).until(() -> concurrency.inFlight() == 0);
        assertThat(loop.bodyOf(loop.await(() -> pipeline.handle(exchange())))).isEqualTo("done");
    }

    @Test
    void keepsTheCallInFlightWhileItsBodyStreams() {
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.from(limit(1));
        Pipeline pipeline = Pipeline.of(List.of(concurrency), loop.terminal(upstream.baseUrl()));
        Outcome streaming = loop.await(() -> pipeline.handle(exchange()));

        Outcome second = loop.await(() -> pipeline.handle(exchange()));

        assertThat(streaming.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(503);
        assertThat(concurrency.inFlight()).isEqualTo(1);
        loop.bodyOf(streaming);
        await().atMost(Duration.ofSeconds(3)).until(() -> concurrency.inFlight() == 0);
    }

    @Test
    void releasesWhenTheAnswerIsDiscarded() {
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.from(limit(1));
        Pipeline pipeline = Pipeline.of(List.of(concurrency), loop.terminal(upstream.baseUrl()));
        Outcome outcome = loop.await(() -> pipeline.handle(exchange()));

        loop.await(() -> {
            ((Outcome.Upstream) outcome).discard();
            return Future.succeededFuture();
        });

        await().atMost(Duration.ofSeconds(3)).until(() -> concurrency.inFlight() == 0);
    }

    @Test
    void releasesAtOnceWhenTheUpstreamCannotBeReached() {
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.from(limit(1));
        Pipeline pipeline = Pipeline.of(List.of(concurrency), loop.terminal(RunningVertx.refusingUrl()));

        Outcome outcome = loop.await(() -> pipeline.handle(exchange()));

        assertThat(outcome.status()).isEqualTo(502);
        assertThat(concurrency.inFlight()).isZero();
    }

    @Test
    void releasesWhenALaterStageFails() {
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.from(limit(1));
        Chain broken = exchange -> Future.failedFuture(new IllegalStateException("a bug"));
        Pipeline pipeline = Pipeline.of(List.of(concurrency), broken);

        assertThatThrownBy(() -> loop.await(() -> pipeline.handle(exchange()))).hasRootCauseMessage("a bug");
        assertThat(concurrency.inFlight()).isZero();
    }

    @Test
    void releasesWhenALaterStageThrows() {
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.from(limit(1));
        Chain throwing = exchange -> {
            throw new IllegalStateException("a bug");
        };
        Pipeline pipeline = Pipeline.of(List.of(concurrency), throwing);

        assertThatThrownBy(() -> loop.await(() -> pipeline.handle(exchange()))).hasRootCauseMessage("a bug");
        assertThat(concurrency.inFlight()).isZero();
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> ConcurrencyPolicy.from(limit(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limits.concurrency must be at least 1, got 0");
    }

    private static LimitsConfig limit(int concurrency) {
        return new LimitsConfig(null, 0, concurrency);
    }

    private static io.switchboard.pipeline.Exchange exchange() {
        return ExchangeBuilder.of(HttpMethod.GET, "/couriers").build();
    }
}

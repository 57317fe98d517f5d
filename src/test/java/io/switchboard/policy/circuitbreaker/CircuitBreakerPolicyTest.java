package io.switchboard.policy.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.CircuitBreakerConfig;
import io.switchboard.config.Percentage;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.Problem;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.LoopbackTerminal;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CircuitBreakerPolicyTest {
    @RegisterExtension
    static final FakeUpstream upstream = new FakeUpstream();

    @RegisterExtension
    static final RunningVertx loop = new RunningVertx();

    private final MutableClock clock = MutableClock.start();

    @Test
    void opensAfterFailureRateOverWindowAndAnswersCircuitOpen() {
        upstream.enqueue(Reply.ok("a"), Reply.status(500, "b"), Reply.ok("c"), Reply.status(503, "d"));
        CircuitBreakerPolicy breaker = breaker(config(null));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        for (int i = 0; i < 4; i++) {
            call(breaker, terminal);
        }

        Outcome outcome = call(breaker, terminal);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.producer()).isEqualTo("circuit-breaker");
            Problem problem = rejection.problem();
            assertThat(problem.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.detail())
                    .isEqualTo("connector 'courier' circuit breaker is open after 50% failures over the last 30s;"
                            + " next probe in 30s");
            assertThat(problem.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            assertThat(problem.failure()).isNull();
        });
        assertThat(upstream.received()).hasSize(4);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.nextProbeIn()).contains(Duration.ofSeconds(30));
    }

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        upstream.answerWith(request -> Reply.status(500, "broken"));
        CircuitBreakerPolicy breaker = breaker(config(null));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        for (int i = 0; i < 3; i++) {
            call(breaker, terminal);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.failureRate()).isEmpty();
        assertThat(breaker.callsInWindow()).isEqualTo(3);
    }

    @Test
    void countsConnectFailuresAsFailures() {
        CircuitBreakerPolicy breaker = breaker(config(null));
        LoopbackTerminal terminal = loop.terminal(RunningVertx.refusingUrl());
        for (int i = 0; i < 4; i++) {
            call(breaker, terminal);
        }

        Outcome outcome = call(breaker, terminal);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Rejection.class,
                        rejection -> assertThat(rejection.problem().kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
        assertThat(breaker.refusedCalls()).isEqualTo(1);
    }

    @Test
    void countsClientErrorsAsSuccesses() {
        upstream.answerWith(request -> Reply.status(404, "no such parcel"));
        CircuitBreakerPolicy breaker = breaker(config(null));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        for (int i = 0; i < 6; i++) {
            call(breaker, terminal);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.failureRate()).hasValue(0.0);
    }

    @Test
    void forgetsFailuresOlderThanTheWindow() {
        upstream.enqueue(Reply.status(500, "x"), Reply.status(500, "x"), Reply.status(500, "x"));
        CircuitBreakerPolicy breaker = breaker(config(null));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        for (int i = 0; i < 3; i++) {
            call(breaker, terminal);
        }
        clock.advance(Duration.ofSeconds(31));
        upstream.enqueue(Reply.ok("a"), Reply.ok("b"), Reply.ok("c"), Reply.status(500, "x"));

        for (int i = 0; i < 4; i++) {
            call(breaker, terminal);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.failureRate()).hasValue(25.0);
    }

    @Test
    void countsDownToTheNextProbe() {
        CircuitBreakerPolicy breaker = opened(config(null));
        clock.advance(Duration.ofSeconds(18));

        Outcome outcome = call(breaker, loop.terminal(upstream.baseUrl()));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.problem().detail()).endsWith("; next probe in 12s");
            assertThat(rejection.problem().retryAfter()).isEqualTo(Duration.ofSeconds(12));
        });
    }

    @Test
    void letsProbesThroughWhenHalfOpen() {
        CircuitBreakerPolicy breaker = opened(config(null));
        clock.advance(Duration.ofSeconds(30).plusMillis(1));
        upstream.answerWith(request -> Reply.ok("fine").after(Duration.ofMillis(300)));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        Pipeline pipeline = Pipeline.of(List.of(breaker), terminal);
        CompletableFuture<Outcome> first = loop.start(() -> pipeline.handle(exchange()));
        CompletableFuture<Outcome> second = loop.start(() -> pipeline.handle(exchange()));

        Outcome third = loop.await(() -> pipeline.handle(exchange()));

        assertThat(third)
                .isInstanceOfSatisfying(
                        Outcome.Rejection.class,
                        rejection -> assertThat(rejection.problem().detail())
                                .isEqualTo(
                                        "connector 'courier' circuit breaker is half-open and its 2 probe calls are still in"
                                                + " flight"));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(loop.bodyOf(RunningVertx.waitFor(first))).isEqualTo("fine");
        assertThat(loop.bodyOf(RunningVertx.waitFor(second))).isEqualTo("fine");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void opensAgainWhenProbesFail() {
        CircuitBreakerPolicy breaker = opened(config(null));
        clock.advance(Duration.ofSeconds(31));
        upstream.answerWith(request -> Reply.status(502, "still down"));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        call(breaker, terminal);
        call(breaker, terminal);

        Outcome outcome = call(breaker, terminal);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Rejection.class,
                        rejection -> assertThat(rejection.problem().detail())
                                .isEqualTo(
                                        "connector 'courier' circuit breaker is open again after 2 of 2 probe calls failed;"
                                                + " next probe in 30s"));
    }

    @Test
    void countsSlowCallsAsFailures() {
        upstream.answerWith(request -> Reply.ok("slow but fine"));
        CircuitBreakerPolicy breaker = breaker(config(Duration.ofMillis(100)));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        Chain slow = exchange -> {
            clock.advance(Duration.ofMillis(150));
            return terminal.proceed(exchange);
        };
        for (int i = 0; i < 4; i++) {
            call(breaker, slow);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void ignoresAnswersThatNeverReachedTheProvider() {
        CircuitBreakerPolicy breaker = breaker(config(null));
        Chain laterStageAnswers = exchange -> Future.succeededFuture(new Outcome.Rejection(
                Problem.of(ErrorKind.SWITCHED_OFF, "connector 'courier' is switched off"), "kill-switch"));
        for (int i = 0; i < 10; i++) {
            call(breaker, laterStageAnswers);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.callsInWindow()).isZero();
    }

    @Test
    void givesTheProbeBackWhenALaterStageFails() {
        CircuitBreakerPolicy breaker = opened(config(null));
        clock.advance(Duration.ofSeconds(31));
        Chain broken = exchange -> Future.failedFuture(new IllegalStateException("a bug"));
        for (int i = 0; i < 5; i++) {
            loop.start(() -> Pipeline.of(List.of(breaker), broken).handle(exchange()))
                    .exceptionally(failure -> null);
        }
        upstream.answerWith(request -> Reply.ok("fine"));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());

        Outcome probe = call(breaker, terminal);

        assertThat(probe.status()).isEqualTo(200);
    }

    private CircuitBreakerPolicy opened(CircuitBreakerConfig config) {
        CircuitBreakerPolicy breaker = breaker(config);
        LoopbackTerminal refused = loop.terminal(RunningVertx.refusingUrl());
        for (int i = 0; i < 4; i++) {
            call(breaker, refused);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        return breaker;
    }

    private CircuitBreakerPolicy breaker(CircuitBreakerConfig config) {
        return CircuitBreakerPolicy.from(config, clock, clock::nanoTime);
    }

    private static CircuitBreakerConfig config(@Nullable Duration slowCall) {
        return new CircuitBreakerConfig(
                new Percentage(50), Duration.ofSeconds(30), 4, Duration.ofSeconds(30), 2, slowCall);
    }

    private static Exchange exchange() {
        return ExchangeBuilder.of(HttpMethod.GET, "/parcels").build();
    }

    /** Runs one call through the breaker and reads any upstream body to the end, freeing the connection. */
    private static Outcome call(CircuitBreakerPolicy breaker, Chain terminal) {
        Pipeline pipeline = Pipeline.of(List.of(breaker), terminal);
        Outcome outcome = loop.await(() -> pipeline.handle(exchange()));
        if (outcome instanceof Outcome.Upstream) {
            loop.bodyOf(outcome);
        }
        return outcome;
    }
}

package io.switchboard.policy.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.config.DataSize;
import io.switchboard.config.Percentage;
import io.switchboard.config.RetryConfig;
import io.switchboard.pipeline.Chain;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.pipeline.Problem;
import io.switchboard.pipeline.RequestBody;
import io.switchboard.pipeline.UpstreamFailure;
import io.switchboard.testing.ChunkedBody;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.FakeUpstream.Reply;
import io.switchboard.testing.LoopbackTerminal;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    @RegisterExtension
    static final FakeUpstream upstream = new FakeUpstream();

    @RegisterExtension
    static final RunningVertx loop = new RunningVertx();

    private final MutableClock clock = MutableClock.start();

    @Test
    void retriesConnectFailureEvenForPost() {
        RetryPolicy retry = retry(config());
        LoopbackTerminal terminal = loop.terminal(RunningVertx.refusingUrl(), upstream.baseUrl());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/orders")
                .body(streamed("{\"order\":1}", -1))
                .build();

        Outcome outcome = run(retry, terminal, exchange);

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(exchange.attempts())
                .extracting(Exchange.Attempt::failure)
                .containsExactly(UpstreamFailure.CONNECT_FAILURE, null);
        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.bodyText()).isEqualTo("{\"order\":1}");
        });
        assertThat(retry.retriesAttempted()).isEqualTo(1);
    }

    @Test
    void doesNotRetryPostAfterItReachedUpstream() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("created"));
        RetryPolicy retry = retry(config());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/orders")
                .body(new RequestBody.Buffered(io.vertx.core.buffer.Buffer.buffer("{}")))
                .build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(loop.bodyOf(outcome)).isEqualTo("busy");
        assertThat(exchange.attempts()).hasSize(1);
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void retriesIdempotentRequestOnConfiguredStatus() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("here"));
        RetryPolicy retry = retry(config());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels/7").build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(loop.bodyOf(outcome)).isEqualTo("here");
        assertThat(exchange.attempts()).extracting(Exchange.Attempt::status).containsExactly(503, 200);
        assertThat(upstream.receivedPaths()).containsExactly("/parcels/7", "/parcels/7");
    }

    @Test
    void doesNotRetryStatusItIsNotConfiguredFor() {
        upstream.enqueue(Reply.status(500, "bug"), Reply.ok("here"));
        RetryPolicy retry = retry(config());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels/7").build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(500);
        assertThat(exchange.attempts()).hasSize(1);
    }

    @Test
    void returnsTheLastAnswerWhenAttemptsRunOut() {
        upstream.enqueue(Reply.status(503, "first"), Reply.status(502, "second"), Reply.status(504, "third"));
        RetryPolicy retry = retry(config());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels").build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(504);
        assertThat(loop.bodyOf(outcome)).isEqualTo("third");
        assertThat(exchange.attempts()).hasSize(3);
        assertThat(retry.retriesAttempted()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} after a reset is retried: {1}")
    @CsvSource({"GET, true", "PUT, true", "DELETE, true", "POST, false", "PATCH, false"})
    void retriesResetOnlyForIdempotentMethods(String method, boolean retried) {
        upstream.enqueue(Reply.dropConnection(), Reply.ok("done"));
        RetryPolicy retry = retry(config(Set.of("connect-failure", "reset"), Set.of()));
        Exchange exchange =
                ExchangeBuilder.of(HttpMethod.valueOf(method), "/parcels/7").build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        if (retried) {
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(exchange.attempts()).hasSize(2);
        } else {
            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            Outcome.Rejection.class,
                            rejection ->
                                    assertThat(rejection.problem().failure()).isEqualTo(UpstreamFailure.RESET));
            assertThat(exchange.attempts()).hasSize(1);
        }
    }

    @Test
    void doesNotRetryPostAfterResponseTimeout() {
        upstream.enqueue(Reply.ok("late").after(Duration.ofMillis(800)), Reply.ok("done"));
        RetryPolicy retry = retry(config(Set.of("connect-failure", "timeout"), Set.of()));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl()).withResponseTimeout(Duration.ofMillis(200));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/orders").build();

        Outcome outcome = run(retry, terminal, exchange);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Rejection.class,
                        rejection -> assertThat(rejection.problem().kind()).isEqualTo(ErrorKind.TIMEOUT));
        assertThat(exchange.attempts()).hasSize(1);
    }

    @Test
    void discardsTheAnswerItRetriesSoTheConnectionIsReused() {
        byte[] large = new byte[1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        upstream.answerWith(request -> request.headers().containsKey("x-second")
                ? Reply.ok("here")
                : Reply.status(503, "").withBody(large));
        RetryPolicy retry = retry(config());
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        Chain markSecondAttempt = exchange -> {
            if (!exchange.attempts().isEmpty()) {
                exchange.headers().set("X-Second", "yes");
            }
            return terminal.proceed(exchange);
        };
        int statusesOk = 0;

        // Each exchange leaves one 503 behind; if those were not read to the end, their connections would never go
        // back to the pool and the exchange after the pool's size would wait for a connection forever.
        for (int i = 0; i < RunningVertx.POOL_SIZE + 2; i++) {
            Outcome outcome = run(
                    retry,
                    markSecondAttempt,
                    ExchangeBuilder.of(HttpMethod.GET, "/parcels").build());
            statusesOk += outcome.status() == 200 && loop.bodyOf(outcome).equals("here") ? 1 : 0;
        }

        assertThat(statusesOk).isEqualTo(RunningVertx.POOL_SIZE + 2);
    }

    @Test
    void stopsRetryingWhenBudgetIsSpent() {
        upstream.answerWith(request -> Reply.status(503, "busy"));
        RetryPolicy retry = retry(budgetConfig(new Percentage(0), 1));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        for (int i = 0; i < 10; i++) {
            loop.bodyOf(run(
                    retry,
                    terminal,
                    ExchangeBuilder.of(HttpMethod.GET, "/parcels").build()));
        }
        Exchange overBudget = ExchangeBuilder.of(HttpMethod.GET, "/parcels").build();

        Outcome outcome = run(retry, terminal, overBudget);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(overBudget.attempts()).hasSize(1);
        assertThat(retry.retriesAttempted()).isEqualTo(10);
        assertThat(retry.retriesDeniedByBudget()).isEqualTo(1);
    }

    @Test
    void retriesAgainOnceTheBudgetWindowHasPassed() {
        upstream.answerWith(request -> Reply.status(503, "busy"));
        RetryPolicy retry = retry(budgetConfig(new Percentage(0), 1));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        for (int i = 0; i < 11; i++) {
            loop.bodyOf(run(
                    retry,
                    terminal,
                    ExchangeBuilder.of(HttpMethod.GET, "/parcels").build()));
        }
        clock.advance(Duration.ofSeconds(10));
        Exchange later = ExchangeBuilder.of(HttpMethod.GET, "/parcels").build();

        run(retry, terminal, later);

        assertThat(later.attempts()).hasSize(2);
    }

    @Test
    void retriesWithinTheShareOfTrafficTheBudgetAllows() {
        upstream.answerWith(request -> Reply.status(503, "busy"));
        RetryPolicy retry = retry(budgetConfig(new Percentage(25), 0));
        LoopbackTerminal terminal = loop.terminal(upstream.baseUrl());
        int attempts = 0;

        for (int i = 0; i < 20; i++) {
            Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels").build();
            loop.bodyOf(run(retry, terminal, exchange));
            attempts += exchange.attempts().size();
        }

        assertThat(attempts).isEqualTo(25);
        assertThat(retry.retriesAttempted()).isEqualTo(5);
    }

    @Test
    void buffersSmallBodyAndReplaysIt() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("stored"));
        RetryPolicy retry = retry(config());
        String content = "a".repeat(1000);
        Exchange exchange = ExchangeBuilder.of(HttpMethod.PUT, "/documents/1")
                .body(streamed(content, content.length()))
                .build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(upstream.received())
                .extracting(FakeUpstream.Recorded::bodyText)
                .containsExactly(content, content);
        assertThat(exchange.body()).isInstanceOf(RequestBody.Buffered.class);
    }

    @Test
    void doesNotReplayLargeStreamedBody() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("stored"));
        RetryPolicy retry = retry(withBufferLimit(config(), 1024));
        String content = "b".repeat(4096);
        Exchange exchange = ExchangeBuilder.of(HttpMethod.PUT, "/documents/1")
                .body(streamed(content, content.length()))
                .build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(upstream.received())
                .singleElement()
                .satisfies(request -> assertThat(request.bodyText()).isEqualTo(content));
        assertThat(exchange.body())
                .isInstanceOfSatisfying(
                        RequestBody.Streamed.class,
                        body -> assertThat(body.isTaken()).isTrue());
        assertThat(retry.retriesAttempted()).isZero();
    }

    @Test
    void doesNotReplayStreamedBodyOfUnknownLength() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("stored"));
        RetryPolicy retry = retry(config());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.PUT, "/documents/1")
                .body(streamed("small but chunked", -1))
                .build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(upstream.received())
                .singleElement()
                .satisfies(request -> assertThat(request.bodyText()).isEqualTo("small but chunked"));
    }

    @Test
    void retriesLargeStreamedBodyThatNeverLeft() {
        RetryPolicy retry = retry(withBufferLimit(config(), 1024));
        String content = "c".repeat(8192);
        LoopbackTerminal terminal = loop.terminal(RunningVertx.refusingUrl(), upstream.baseUrl());
        Exchange exchange = ExchangeBuilder.of(HttpMethod.PUT, "/documents/1")
                .body(streamed(content, content.length()))
                .build();

        Outcome outcome = run(retry, terminal, exchange);

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(upstream.received())
                .singleElement()
                .satisfies(request -> assertThat(request.bodyText()).isEqualTo(content));
    }

    @Test
    void leavesBodyStreamingWhenOnlyConnectFailuresAreRetried() {
        RetryPolicy retry = retry(config(Set.of("connect-failure"), Set.of()));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.PUT, "/documents/1")
                .body(streamed("tiny", 4))
                .build();

        run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(exchange.body()).isInstanceOf(RequestBody.Streamed.class);
        assertThat(upstream.received())
                .singleElement()
                .satisfies(request -> assertThat(request.bodyText()).isEqualTo("tiny"));
    }

    @Test
    void neverRetriesPastTheDeadline() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("here"));
        RetryPolicy retry = RetryPolicy.from(
                withBackoff(config(), Duration.ofMillis(100), Duration.ofMillis(100)),
                loop.vertx(),
                clock,
                clock::nanoTime,
                new FixedRandom(0.99));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels")
                .startedAt(clock.nanoTime())
                .timeLeft(Duration.ofMillis(50))
                .build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(exchange.attempts()).hasSize(1);
        assertThat(retry.retriesDeniedByDeadline()).isEqualTo(1);
    }

    @Test
    void retriesWhenTheBackoffEndsBeforeTheDeadline() {
        upstream.enqueue(Reply.status(503, "busy"), Reply.ok("here"));
        RetryPolicy retry = RetryPolicy.from(
                withBackoff(config(), Duration.ofMillis(100), Duration.ofMillis(100)),
                loop.vertx(),
                clock,
                clock::nanoTime,
                new FixedRandom(0.99));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels")
                .startedAt(clock.nanoTime())
                .timeLeft(Duration.ofMillis(150))
                .build();

        Outcome outcome = run(retry, loop.terminal(upstream.baseUrl()), exchange);

        assertThat(outcome.status()).isEqualTo(200);
    }

    @Test
    void backsOffExponentiallyUpToTheCapWithFullJitter() {
        RetryConfig config = withBackoff(config(), Duration.ofMillis(100), Duration.ofSeconds(1));
        RetryPolicy top = RetryPolicy.from(config, loop.vertx(), clock, clock::nanoTime, new FixedRandom(0.999_999));
        RetryPolicy middle = RetryPolicy.from(config, loop.vertx(), clock, clock::nanoTime, new FixedRandom(0.5));
        RetryPolicy bottom = RetryPolicy.from(config, loop.vertx(), clock, clock::nanoTime, new FixedRandom(0));

        long[] tops = {
            top.backoffBefore(1), top.backoffBefore(2), top.backoffBefore(3), top.backoffBefore(4), top.backoffBefore(5)
        };

        assertThat(tops[0]).isCloseTo(100_000_000L, within(1_000_000L));
        assertThat(tops[1]).isCloseTo(200_000_000L, within(1_000_000L));
        assertThat(tops[2]).isCloseTo(400_000_000L, within(1_000_000L));
        assertThat(tops[3]).isCloseTo(800_000_000L, within(1_000_000L));
        assertThat(tops[4]).isCloseTo(1_000_000_000L, within(1_000_000L));
        assertThat(middle.backoffBefore(3)).isCloseTo(200_000_000L, within(1_000_000L));
        assertThat(bottom.backoffBefore(3)).isZero();
    }

    @Test
    void endsRetriesWhenTheBreakerAnswersInstead() {
        AtomicInteger calls = new AtomicInteger();
        Chain openBreaker = exchange -> {
            calls.incrementAndGet();
            return Future.succeededFuture(new Outcome.Rejection(
                    Problem.of(ErrorKind.CIRCUIT_OPEN, "connector 'courier' circuit breaker is open"),
                    "circuit-breaker"));
        };

        Outcome outcome = run(
                retry(config()),
                openBreaker,
                ExchangeBuilder.of(HttpMethod.GET, "/parcels").build());

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(calls.get()).isEqualTo(1);
    }

    private RetryPolicy retry(RetryConfig config) {
        return RetryPolicy.from(config, loop.vertx(), clock, System::nanoTime, new SplittableRandom(1));
    }

    private static Outcome run(RetryPolicy retry, Chain terminal, Exchange exchange) {
        Pipeline pipeline = Pipeline.of(List.of(retry), terminal);
        return loop.await(() -> pipeline.handle(exchange));
    }

    private static RetryConfig config() {
        return config(Set.of("connect-failure", "connect-timeout"), Set.of(502, 503, 504));
    }

    private static RetryConfig config(Set<String> failures, Set<Integer> statuses) {
        return new RetryConfig(
                3,
                Duration.ofMillis(1),
                Duration.ofMillis(10),
                failures,
                statuses,
                new Percentage(20),
                3,
                DataSize.ofKibibytes(64));
    }

    private static RetryConfig withBufferLimit(RetryConfig c, long bytes) {
        return new RetryConfig(
                c.attempts(),
                c.backoff(),
                c.maxBackoff(),
                c.onFailures(),
                c.onStatuses(),
                c.budget(),
                c.minRetriesPerSecond(),
                DataSize.ofBytes(bytes));
    }

    private static RetryConfig withBackoff(RetryConfig c, Duration backoff, Duration maxBackoff) {
        return new RetryConfig(
                c.attempts(),
                backoff,
                maxBackoff,
                c.onFailures(),
                c.onStatuses(),
                c.budget(),
                c.minRetriesPerSecond(),
                c.bufferLimit());
    }

    private static RetryConfig budgetConfig(Percentage budget, int minRetriesPerSecond) {
        return new RetryConfig(
                2,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Set.of("connect-failure"),
                Set.of(503),
                budget,
                minRetriesPerSecond,
                DataSize.ofKibibytes(64));
    }

    private static RequestBody.Streamed streamed(String content, long length) {
        return new RequestBody.Streamed(ChunkedBody.of(loop.context(), content), length);
    }
}

package io.switchboard.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.LimitsConfig;
import io.switchboard.config.Rate;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitPolicyTest {
    @RegisterExtension
    static final FakeUpstream upstream = new FakeUpstream();

    @RegisterExtension
    static final RunningVertx loop = new RunningVertx();

    private final MutableClock clock = MutableClock.start();

    @Test
    void rejectsWhenBucketIsEmptyWithRetryAfter() {
        RateLimitPolicy limit = RateLimitPolicy.from(limits(new Rate(10, Duration.ofSeconds(1)), 2), clock);
        Pipeline pipeline = Pipeline.of(List.of(limit), loop.terminal(upstream.baseUrl()));
        call(pipeline);
        call(pipeline);

        Outcome outcome = call(pipeline);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejection.class, rejection -> {
            assertThat(rejection.producer()).isEqualTo("rate-limit");
            assertThat(rejection.problem().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(rejection.problem().status()).isEqualTo(429);
            assertThat(rejection.problem().detail()).isEqualTo("connector 'courier' is over its rate limit of 10/s");
            assertThat(rejection.problem().retryAfter()).isEqualTo(Duration.ofMillis(100));
        });
        assertThat(upstream.received()).hasSize(2);
        assertThat(limit.rejectedCalls()).isEqualTo(1);
    }

    @Test
    void refillsAtConfiguredRate() {
        RateLimitPolicy limit = RateLimitPolicy.from(limits(new Rate(10, Duration.ofSeconds(1)), 2), clock);
        Pipeline pipeline = Pipeline.of(List.of(limit), loop.terminal(upstream.baseUrl()));
        call(pipeline);
        call(pipeline);
        clock.advance(Duration.ofMillis(100));
        List<Integer> statuses = new ArrayList<>();

        statuses.add(call(pipeline).status());
        statuses.add(call(pipeline).status());

        assertThat(statuses).containsExactly(200, 429);
    }

    @Test
    void holdsNoMoreThanItsBurst() {
        RateLimitPolicy limit = RateLimitPolicy.from(limits(new Rate(10, Duration.ofSeconds(1)), 2), clock);
        clock.advance(Duration.ofMinutes(5));

        assertThat(limit.availableTokens()).isEqualTo(2);
    }

    @Test
    void holdsOnePeriodOfPermitsWhenBurstIsNotSet() {
        RateLimitPolicy limit = RateLimitPolicy.from(limits(new Rate(600, Duration.ofMinutes(1)), 0), clock);

        assertThat(limit.burst()).isEqualTo(600);
        assertThat(limit.availableTokens()).isEqualTo(600);
    }

    @ParameterizedTest(name = "{0} per {1} reads as {2}")
    @CsvSource({"10, PT1S, 10/s", "600, PT1M, 600/m", "5000, PT1H, 5000/h", "3, PT5S, 3 per 5s"})
    void namesItsRateAsWrittenInConfig(int permits, Duration period, String text) {
        RateLimitPolicy limit = RateLimitPolicy.from(limits(new Rate(permits, period), 0), clock);

        assertThat(limit.rate()).isEqualTo(text);
    }

    private static LimitsConfig limits(Rate rate, int burst) {
        return new LimitsConfig(rate, burst, null);
    }

    private static Outcome call(Pipeline pipeline) {
        Outcome outcome = loop.await(() ->
                pipeline.handle(ExchangeBuilder.of(HttpMethod.GET, "/parcels").build()));
        if (outcome instanceof Outcome.Upstream) {
            loop.bodyOf(outcome);
        }
        return outcome;
    }
}

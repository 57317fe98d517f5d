package io.switchboard.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.CredentialsConfig;
import io.switchboard.config.CredentialsConfig.Placement;
import io.switchboard.config.Secret;
import io.switchboard.pipeline.Exchange;
import io.switchboard.pipeline.Outcome;
import io.switchboard.pipeline.Pipeline;
import io.switchboard.testing.ExchangeBuilder;
import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.RunningVertx;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialsPolicyTest {
    @RegisterExtension
    static final FakeUpstream upstream = new FakeUpstream();

    @RegisterExtension
    static final RunningVertx loop = new RunningVertx();

    @Test
    void replacesCallerSuppliedCredentialHeader() {
        CredentialsPolicy credentials = CredentialsPolicy.from(
                new CredentialsConfig(Placement.HEADER, "Authorization", secret("Bearer s3cret")));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/parcels")
                .header("authorization", "Bearer the-callers-own")
                .header("AUTHORIZATION", "Basic c29tZW9uZQ==")
                .header("Accept", "application/json")
                .build();

        send(credentials, exchange);

        assertThat(upstream.received()).singleElement().satisfies(request -> {
            assertThat(request.headers().get("authorization")).containsExactly("Bearer s3cret");
            assertThat(request.header("accept")).isEqualTo("application/json");
        });
    }

    @Test
    void addsCredentialHeaderWhenTheCallerSentNone() {
        CredentialsPolicy credentials =
                CredentialsPolicy.from(new CredentialsConfig(Placement.HEADER, "X-Api-Key", secret("k-123")));

        send(credentials, ExchangeBuilder.of(HttpMethod.GET, "/parcels").build());

        assertThat(upstream.received())
                .singleElement()
                .satisfies(request -> assertThat(request.header("x-api-key")).isEqualTo("k-123"));
    }

    @Test
    void setsBasicAuthorizationReplacingTheCallers() {
        CredentialsPolicy credentials =
                CredentialsPolicy.from(new CredentialsConfig(Placement.BASIC, "shop", secret("pa:ss wörd")));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.POST, "/payments")
                .header("Authorization", "Bearer the-callers-own")
                .build();

        send(credentials, exchange);

        String expected =
                "Basic " + Base64.getEncoder().encodeToString("shop:pa:ss wörd".getBytes(StandardCharsets.UTF_8));
        assertThat(upstream.received())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.headers().get("authorization")).containsExactly(expected));
    }

    @Test
    void replacesSameNamedQueryParameterKeepingTheRest() {
        CredentialsPolicy credentials =
                CredentialsPolicy.from(new CredentialsConfig(Placement.QUERY, "api_key", secret("s3cr&t")));
        Exchange exchange = ExchangeBuilder.of(HttpMethod.GET, "/sms")
                .query("to=%2B7900&api_key=mine&text=hi+there%21&api%5Fkey=again&flag")
                .build();

        send(credentials, exchange);

        assertThat(upstream.received())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.query()).isEqualTo("to=%2B7900&api_key=s3cr%26t&text=hi+there%21&flag"));
    }

    @Test
    void addsTheQueryParameterWhenTheCallerSentNoQuery() {
        CredentialsPolicy credentials =
                CredentialsPolicy.from(new CredentialsConfig(Placement.QUERY, "api_key", secret("s3cret")));

        send(credentials, ExchangeBuilder.of(HttpMethod.GET, "/sms").build());

        assertThat(upstream.received())
                .singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("api_key=s3cret"));
    }

    @Test
    void neverShowsTheSecret() {
        List<CredentialsPolicy> policies = List.of(
                CredentialsPolicy.from(
                        new CredentialsConfig(Placement.HEADER, "Authorization", secret("Bearer s3cret"))),
                CredentialsPolicy.from(new CredentialsConfig(Placement.QUERY, "api_key", secret("s3cret"))),
                CredentialsPolicy.from(new CredentialsConfig(Placement.BASIC, "shop", secret("s3cret"))));
        String basic = Base64.getEncoder().encodeToString("shop:s3cret".getBytes(StandardCharsets.UTF_8));

        List<String> shown = policies.stream().map(Object::toString).toList();

        assertThat(shown)
                .containsExactly(
                        "CredentialsPolicy[header Authorization]",
                        "CredentialsPolicy[query api_key]",
                        "CredentialsPolicy[basic Authorization]")
                .noneMatch(text -> text.contains("s3cret") || text.contains(basic));
    }

    @Test
    void namesWhatTheJournalMustMask() {
        CredentialsPolicy header =
                CredentialsPolicy.from(new CredentialsConfig(Placement.HEADER, "X-Api-Key", secret("k")));
        CredentialsPolicy query =
                CredentialsPolicy.from(new CredentialsConfig(Placement.QUERY, "api_key", secret("k")));

        assertThat(header.maskedHeader()).isEqualTo("X-Api-Key");
        assertThat(header.maskedQueryParameter()).isNull();
        assertThat(query.maskedHeader()).isNull();
        assertThat(query.maskedQueryParameter()).isEqualTo("api_key");
    }

    @Test
    void refusesAHeaderSecretWithAControlCharacterWithoutShowingIt() {
        CredentialsConfig config = new CredentialsConfig(Placement.HEADER, "Authorization", secret("Bearer s3cret\n"));

        assertThatThrownBy(() -> CredentialsPolicy.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the credentials value for header 'Authorization' has a character that cannot go in a"
                        + " header at index 13 (code 10); the value is not shown");
    }

    @Test
    void refusesABasicUsernameWithAColon() {
        CredentialsConfig config = new CredentialsConfig(Placement.BASIC, "shop:main", secret("s3cret"));

        assertThatThrownBy(() -> CredentialsPolicy.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    private static Secret secret(String value) {
        return new Secret(value);
    }

    private static void send(CredentialsPolicy credentials, Exchange exchange) {
        Pipeline pipeline = Pipeline.of(List.of(credentials), loop.terminal(upstream.baseUrl()));
        Outcome outcome = loop.await(() -> pipeline.handle(exchange));
        loop.bodyOf(outcome);
    }
}

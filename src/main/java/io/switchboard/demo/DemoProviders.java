package io.switchboard.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The demo's simulated providers, each on its own loopback port: two courier services, two SMS accounts, a card
 * acquirer and a flaky data feed, keyed by the connector ids the demo's config gives them.
 */
public final class DemoProviders {
    /** The courier that is open now (its zone is chosen at start). */
    public static final String COURIER_EXPRESS = "courier-express";

    /** The cheaper courier, closed now (in another zone), which the delivery capability prefers when it is open. */
    public static final String COURIER_ECONOMY = "courier-economy";

    /** The SMS account that runs dry a few minutes in. */
    public static final String SMS_ALPHA = "sms-alpha";

    /** The standby SMS account with a deep balance. */
    public static final String SMS_BETA = "sms-beta";

    /** The card acquirer that echoes card numbers. */
    public static final String PAYMENTS = "payments";

    /** The flaky exchange-rate feed. */
    public static final String RATES_FEED = "rates-feed";

    private final Map<String, SimulatedProvider> servers;
    private final SmsGateway smsAlpha;
    private final SmsGateway smsBeta;
    private final DataFeed feed;

    private DemoProviders(
            Map<String, SimulatedProvider> servers, SmsGateway smsAlpha, SmsGateway smsBeta, DataFeed feed) {
        this.servers = servers;
        this.smsAlpha = smsAlpha;
        this.smsBeta = smsBeta;
        this.feed = feed;
    }

    /** Starts every provider on {@code vertx}, sized and timed by {@code settings}, accepting the keys of {@code secrets}. */
    public static Future<DemoProviders> start(
            Vertx vertx, Clock clock, RandomGenerator random, DemoSettings settings, DemoSecrets secrets) {
        SmsGateway alpha = new SmsGateway(SMS_ALPHA, secrets.smsAlphaKey(), settings.alphaBalance());
        SmsGateway beta = new SmsGateway(SMS_BETA, secrets.smsBetaKey(), settings.betaBalance());
        DataFeed feed = new DataFeed(vertx, clock, random, settings.feedCycle());
        List<Future<SimulatedProvider>> started = List.of(
                SimulatedProvider.start(vertx, COURIER_EXPRESS, new CourierService(COURIER_EXPRESS, vertx, random)),
                SimulatedProvider.start(vertx, COURIER_ECONOMY, new CourierService(COURIER_ECONOMY, vertx, random)),
                SimulatedProvider.start(vertx, SMS_ALPHA, alpha),
                SimulatedProvider.start(vertx, SMS_BETA, beta),
                SimulatedProvider.start(vertx, PAYMENTS, new PaymentService(secrets.paymentsKey())),
                SimulatedProvider.start(vertx, RATES_FEED, feed));
        return Future.all(started).map(all -> {
            Map<String, SimulatedProvider> servers = new LinkedHashMap<>();
            for (Future<SimulatedProvider> one : started) {
                servers.put(one.result().name(), one.result());
            }
            return new DemoProviders(servers, alpha, beta, feed);
        });
    }

    /** Returns each provider's base URL, keyed by connector id, in a stable order. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        servers.forEach((name, server) -> endpoints.put(name, server.baseUrl()));
        return endpoints;
    }

    /** Returns the SMS account that runs dry first. */
    public SmsGateway smsAlpha() {
        return smsAlpha;
    }

    /** Returns the standby SMS account. */
    public SmsGateway smsBeta() {
        return smsBeta;
    }

    /** Returns the data feed. */
    public DataFeed feed() {
        return feed;
    }

    /** Stops every provider. */
    public Future<Void> stop() {
        return Future.join(
                        servers.values().stream().map(SimulatedProvider::stop).toList())
                .mapEmpty();
    }
}

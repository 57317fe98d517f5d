package io.switchboard.demo;

import static io.switchboard.demo.DemoProviders.COURIER_ECONOMY;
import static io.switchboard.demo.DemoProviders.COURIER_EXPRESS;
import static io.switchboard.demo.DemoProviders.PAYMENTS;
import static io.switchboard.demo.DemoProviders.RATES_FEED;
import static io.switchboard.demo.DemoProviders.SMS_ALPHA;
import static io.switchboard.demo.DemoProviders.SMS_BETA;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The demo's config: the simulated providers as connectors, with the policies a real setup would give them.
 *
 * @param proxyPort the proxy's port (0 for any free one)
 * @param adminPort the admin listener's port (0 for any free one)
 * @param storePath the SQLite file
 * @param zones the couriers' zones
 * @param settings sizes and timings
 * @param endpoints each provider's base URL by connector id, as {@link DemoProviders#endpoints()} gives them
 */
public record DemoConfig(
        int proxyPort,
        int adminPort,
        String storePath,
        CourierZones zones,
        DemoSettings settings,
        Map<String, String> endpoints) {
    public DemoConfig {
        endpoints = Map.copyOf(endpoints);
    }

    /** Returns the YAML text of the config. */
    public String yaml() {
        return """
                # Switchboard demo config, written for this run. Edit and save: the running gateway reloads it (or keeps
                # the old one and logs why, if the edit is invalid).
                gateway:
                  listen: 127.0.0.1:%d
                  admin: 127.0.0.1:%d
                  store: sqlite:%s
                  drain-timeout: 5s
                  tokens:
                    - { name: demo-admin, role: admin, secret: "${%s}" }
                    - { name: demo-viewer, role: viewer, secret: "${%s}" }

                connectors:
                  # Two couriers keep 09:00-21:00 in zones chosen at start: courier-economy is closed now (grey lamp),
                  # courier-express is open now. Both speak only windows-1251; callers speak UTF-8 to the gateway.
                %s
                %s
                  # Two accounts at one SMS vendor. sms-alpha runs dry a few minutes in: its balance probe turns its lamp
                  # yellow under %d and red at 0, and it answers 402 once empty.
                  %s:
                    capability: sms
                    upstream: { endpoints: [ "%s" ], response-timeout: 2s }
                    limits: { rate: 5/s }
                    credentials: { header: X-Api-Key, value: "${%s}" }
                    resources:
                      - { name: balance, every: %s, request: "GET /balance", value: /balance, warn-below: %d, critical-below: 1 }

                  %s:
                    capability: sms
                    upstream: { endpoints: [ "%s" ], response-timeout: 2s }
                    limits: { rate: 5/s }
                    credentials: { header: X-Api-Key, value: "${%s}" }
                    resources:
                      - { name: balance, every: %s, request: "GET /balance", value: /balance, warn-below: 1000, critical-below: 100 }

                  # A card acquirer that echoes the card back, CVV and all: the journal shows them masked.
                  %s:
                    upstream: { endpoints: [ "%s" ], response-timeout: 3s }
                    credentials: { header: Authorization, value: "Bearer ${%s}" }
                    mask: { json: [ "$.card.number", "$..cvv" ] }

                  # A flaky feed: latency spikes, and a burst of 5xx every %s that opens the circuit breaker.
                  %s:
                    upstream: { endpoints: [ "%s" ], connect-timeout: 1s, response-timeout: 1s }
                    retry: { attempts: 2, backoff: 50ms, on: [ connect-failure, 500, 503, 504 ] }
                    circuit-breaker: { failure-rate: 50%%, window: 10s, min-requests: 8, open-for: %s }
                    objectives: { error-rate: 5%%, p95: 500ms, window: 1m, min-requests: 20 }

                # Callers reach a capability at /~sms/... or /~delivery/...; the gateway picks the first usable provider
                # (switched on, open, circuit not open, lamp not red) and names it in the Switchboard-Connector header.
                capabilities:
                  # sms-alpha while it has balance; once its lamp is red, sms-beta (and back after a top-up).
                  sms: { providers: [ %s, %s ], strategy: failover }
                  # The cheaper courier first; while it is closed, courier-express.
                  delivery: { providers: [ %s, %s ], strategy: failover }

                # Callers name themselves with Switchboard-Caller, or with an API key (billing does).
                callers:
                  shop: { limits: { %s: 2/s } }
                  billing: { key: "${%s}" }
                  notifier: { limits: { %s: 3/s } }
                """.formatted(
                        proxyPort,
                        adminPort,
                        storePath,
                        DemoSecrets.ADMIN_TOKEN,
                        DemoSecrets.VIEWER_TOKEN,
                        courier(COURIER_ECONOMY, zones.closed()),
                        courier(COURIER_EXPRESS, zones.open()),
                        settings.alphaWarnBelow(),
                        SMS_ALPHA,
                        endpoint(SMS_ALPHA),
                        DemoSecrets.SMS_ALPHA_KEY,
                        duration(settings.probeEvery()),
                        settings.alphaWarnBelow(),
                        SMS_BETA,
                        endpoint(SMS_BETA),
                        DemoSecrets.SMS_BETA_KEY,
                        duration(settings.probeEvery()),
                        PAYMENTS,
                        endpoint(PAYMENTS),
                        DemoSecrets.PAYMENTS_KEY,
                        duration(settings.feedCycle()),
                        RATES_FEED,
                        endpoint(RATES_FEED),
                        duration(settings.breakerOpenFor()),
                        SMS_ALPHA,
                        SMS_BETA,
                        COURIER_ECONOMY,
                        COURIER_EXPRESS,
                        PAYMENTS,
                        DemoSecrets.BILLING_KEY,
                        SMS_ALPHA);
    }

    private String courier(String id, ZoneId zone) {
        return """
                  %s:
                    capability: delivery
                    upstream: { endpoints: [ "%s" ], connect-timeout: 1s, response-timeout: 2s }
                    schedule: { zone: %s, open: [ "%s" ] }
                    charset: windows-1251
                    retry: { attempts: 2, backoff: 100ms, on: [ connect-failure, 502, 503, 504 ] }
                    limits: { rate: 20/s, concurrency: 10 }
                    checks:
                      - { name: ping, every: 10s, request: "GET /ping", expect: { status: 200, json: { "/status": ok } } }
                    resources:
                      - { name: free-couriers, every: 30s, request: "GET /couriers/free", value: /free, warn-below: 3, critical-below: 1 }
                """.formatted(id, endpoint(id), zone.getId(), CourierZones.HOURS);
    }

    private String endpoint(String id) {
        String url = endpoints.get(id);
        if (url == null) {
            throw new IllegalStateException("no endpoint for " + id + " among " + endpoints.keySet());
        }
        return url;
    }

    /** Returns a duration as the config writes it: whole seconds as {@code 5s}, anything else in milliseconds. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}

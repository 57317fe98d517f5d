package io.switchboard.demo;

/** The demo's config: the simulated providers as connectors, with the policies a real setup would give them. */
public final class DemoConfig {
    /** The environment variable that carries the demo's one-time admin token. */
    public static final String ADMIN_TOKEN_VARIABLE = "SB_DEMO_ADMIN_TOKEN";

    /** The environment variable that carries the SMS provider's API key. */
    public static final String SMS_KEY_VARIABLE = "SB_DEMO_SMS_KEY";

    private DemoConfig() {}

    /** Returns the YAML text of the demo config. */
    public static String yaml(String courierUrl, String smsUrl, int proxyPort, int adminPort, String storePath) {
        return """
                # Switchboard demo config. Edit and save: the running gateway reloads it (or keeps the old one and
                # logs why, if the edit is invalid).
                gateway:
                  listen: 127.0.0.1:%d
                  admin: 127.0.0.1:%d
                  store: sqlite:%s
                  tokens:
                    - { name: demo-admin, role: admin, secret: "${%s}" }

                connectors:
                  courier-express:
                    capability: delivery
                    upstream:
                      endpoints: [ "%s" ]
                      connect-timeout: 1s
                      response-timeout: 2s
                    retry: { attempts: 3, backoff: 100ms, on: [connect-failure, 502, 503, 504] }
                    circuit-breaker: { failure-rate: 50%%, window: 30s, min-requests: 20, open-for: 15s }
                    limits: { rate: 20/s, concurrency: 10 }

                  sms-alpha:
                    capability: sms
                    upstream:
                      endpoints: [ "%s" ]
                      response-timeout: 2s
                    limits: { rate: 5/s }
                    credentials: { header: X-Api-Key, value: "${%s}" }
                """.formatted(
                        proxyPort, adminPort, storePath, ADMIN_TOKEN_VARIABLE, courierUrl, smsUrl, SMS_KEY_VARIABLE);
    }
}

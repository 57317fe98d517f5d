package io.switchboard.config;

import java.time.Duration;

/**
 * A synthetic check, one item of a connector's {@code checks:}: a request sent on a schedule, whose answer must meet
 * its expectations. A failing check turns the connector's lamp red.
 *
 * <pre>
 * checks:
 *   - { name: ping, every: 60s, timeout: 5s, request: "GET /api/ping", expect: { status: 200, body-contains: ok } }
 * </pre>
 *
 * @param name the check's name, unique among the connector's checks: lowercase letters, digits and dashes
 * @param every how often the check runs, at least 100ms; default 60s
 * @param timeout how long one run may take, from sending the request to the answer's last byte; at most {@code every};
 *     default 5s, or {@code every} when that is shorter
 * @param request what is sent
 * @param expect what the answer must look like; a 2xx status by default
 */
public record CheckConfig(String name, Duration every, Duration timeout, ProbeRequest request, Expectations expect) {}

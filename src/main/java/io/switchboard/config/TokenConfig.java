package io.switchboard.config;

/**
 * An admin API token: {@code { name: ops-console, role: operator, secret: "${SB_OPS_TOKEN}" }}.
 *
 * @param name who holds the token; recorded in the audit trail of switches and reloads
 * @param role what the token may do
 * @param secret the bearer secret; take it from the environment, never write it in the YAML
 */
public record TokenConfig(String name, Role role, Secret secret) {}

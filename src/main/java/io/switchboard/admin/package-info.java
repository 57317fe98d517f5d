/**
 * The admin listener: the REST API under {@code /api/v1} behind bearer tokens with roles, Prometheus metrics and
 * health checks. Reads runtime state and calls runtime controls; nothing depends on it.
 */
@NullMarked
package io.switchboard.admin;

import org.jspecify.annotations.NullMarked;

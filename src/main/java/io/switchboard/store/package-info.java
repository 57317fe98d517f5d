/**
 * Persistence: switch states, events, check results and resource readings in SQLite or PostgreSQL, created by one
 * history of versioned migrations. The API is blocking JDBC, so callers run it off the event loop. Depends on
 * {@code config} only.
 */
@NullMarked
package io.switchboard.store;

import org.jspecify.annotations.NullMarked;

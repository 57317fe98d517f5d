-- Switchboard's store, version 1: switch states, events, check results and resource readings.
--
-- One history for both backends: this file runs unchanged on SQLite and PostgreSQL. Keep it portable:
-- TEXT, INTEGER, BIGINT and DOUBLE PRECISION only; no SERIAL, AUTOINCREMENT or identity columns (ids are made by
-- the application, or keys are natural); booleans are INTEGER 0/1; times are BIGINT microseconds since the epoch
-- (UTC), durations BIGINT microseconds. Upserts use INSERT ... ON CONFLICT ... DO UPDATE, which both understand.

-- Counters that writers take numbers from; the row lock orders concurrent writers.
CREATE TABLE store_sequence (
    name TEXT PRIMARY KEY,
    last_issued BIGINT NOT NULL
);
INSERT INTO store_sequence (name, last_issued) VALUES ('switch_state', 0);

-- One row per connector that was ever switched; version comes from store_sequence 'switch_state'.
CREATE TABLE switch_state (
    connector TEXT PRIMARY KEY,
    is_on INTEGER NOT NULL,
    reason TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at_us BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX switch_state_by_version ON switch_state (version);

-- connector and actor are NULL for events of the gateway as a whole and events nobody caused.
-- details is a JSON object as text.
CREATE TABLE event (
    id TEXT PRIMARY KEY,
    time_us BIGINT NOT NULL,
    connector TEXT,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    actor TEXT,
    details TEXT NOT NULL
);
CREATE INDEX event_by_time ON event (time_us, id);
CREATE INDEX event_by_connector_and_time ON event (connector, time_us, id);

-- status and latency_us are NULL when no response came.
CREATE TABLE check_result (
    connector TEXT NOT NULL,
    check_name TEXT NOT NULL,
    time_us BIGINT NOT NULL,
    ok INTEGER NOT NULL,
    status INTEGER,
    latency_us BIGINT,
    message TEXT NOT NULL,
    PRIMARY KEY (connector, check_name, time_us)
);
CREATE INDEX check_result_by_time ON check_result (time_us);

-- reading is NULL when the probe failed (level is then 'unknown').
CREATE TABLE resource_reading (
    connector TEXT NOT NULL,
    resource TEXT NOT NULL,
    time_us BIGINT NOT NULL,
    reading DOUBLE PRECISION,
    level TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (connector, resource, time_us)
);
CREATE INDEX resource_reading_by_time ON resource_reading (time_us);

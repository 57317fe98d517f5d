-- Switchboard's store, version 2: the journal of exchanges (same portability rules as V1).
--
-- One narrow row per exchange for filtering and paging, and the bulky masked details (attempts, headers, bodies)
-- beside it, so that scans over many rows never read bodies.

-- id is made by the writer and sorts by time: 16 hex digits of time_us, then a node-and-sequence suffix.
-- kind: proxy | check | resource. status is NULL when no response came; error is the Switchboard-Error kind.
-- target is the masked path and query the caller asked for. Times are microseconds, as in V1.
CREATE TABLE exchange (
    id TEXT PRIMARY KEY,
    time_us BIGINT NOT NULL,
    kind TEXT NOT NULL,
    trace_id TEXT,
    request_id TEXT,
    caller TEXT,
    connector TEXT NOT NULL,
    capability TEXT,
    endpoint TEXT,
    method TEXT NOT NULL,
    target TEXT NOT NULL,
    status INTEGER,
    error TEXT,
    attempts INTEGER NOT NULL,
    duration_us BIGINT NOT NULL,
    upstream_us BIGINT,
    bytes_in BIGINT NOT NULL,
    bytes_out BIGINT NOT NULL
);
CREATE INDEX exchange_by_time ON exchange (time_us, id);

-- detail is a JSON object as text:
-- {"attempts":[{"endpoint":"http://…","status":200,"error":null,"startUs":0,"durationUs":1234}],
--  "request":{"headers":[["name","value"]],"body":BODY|null},"response":{…same…}|null}
-- BODY = {"size":N (bytes seen),"contentType":"…"|null,"truncated":bool,"encoding":"utf-8"|"base64","data":"…"}
CREATE TABLE exchange_detail (
    id TEXT PRIMARY KEY,
    detail TEXT NOT NULL
);

-- Switchboard's store, version 7 on SQLite: the journal's filter columns indexed per write batch, not per record.
--
-- Each B-tree index is one more insert per record for the journal's writer. A write batch holds up to a thousand
-- records, written together, so their rowids are one range; what a filter on connector, caller, status, status class
-- or error needs to know is which batches hold a match, and the rows of one batch are then read by rowid range and
-- filtered as they are. So instead of four index entries per record, a batch gets one row here and one key row per
-- distinct value among its records (a few dozen). The primary key (id), the trace index and V6's trigram index of
-- targets stay per record: a record is read by id, a trace is a few records among millions, and a q such as an order
-- number is a few rows whose every three-character piece is in nearly every batch (per batch, it would narrow nothing).
--
-- first_row..last_row: the batch's rowids in exchange. min_id: its smallest record id (when its oldest call started),
-- so a page below a cursor skips batches with nothing older. ended_us: the latest end (time_us + duration_us) among
-- its records: batches are written in the order calls end, so reading newest first can stop once a batch ended before
-- the page's oldest call began (store/BatchIndex.java, store/NewestById.java).
CREATE TABLE exchange_batch (
    first_row INTEGER PRIMARY KEY,
    last_row INTEGER NOT NULL,
    min_id TEXT NOT NULL,
    ended_us BIGINT NOT NULL
);

-- key: connector=NAME, caller=NAME, caller (no caller), status=503, class=5, error=KIND.
CREATE TABLE exchange_batch_key (
    batch INTEGER NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (batch, key)
) WITHOUT ROWID;
CREATE INDEX exchange_batch_by_key ON exchange_batch_key (key, batch);

DROP INDEX exchange_by_connector;
DROP INDEX exchange_by_caller;
DROP INDEX exchange_by_status_class;
DROP INDEX exchange_by_error;

-- The records written before: batches of a thousand rowids. first_row is the range's nominal start (at or below its
-- first row), so the writer's next batch, which starts after the highest rowid, never overlaps one of these.
INSERT INTO exchange_batch (first_row, last_row, min_id, ended_us)
SELECT (rowid / 1000) * 1000, MAX(rowid), MIN(id), MAX(time_us + duration_us) FROM exchange GROUP BY rowid / 1000;

INSERT OR IGNORE INTO exchange_batch_key (batch, key)
SELECT (rowid / 1000) * 1000, 'connector=' || connector FROM exchange
UNION ALL SELECT (rowid / 1000) * 1000, CASE WHEN caller IS NULL THEN 'caller' ELSE 'caller=' || caller END FROM exchange
UNION ALL SELECT (rowid / 1000) * 1000, 'status=' || status FROM exchange WHERE status IS NOT NULL
UNION ALL SELECT (rowid / 1000) * 1000, 'class=' || (status / 100) FROM exchange WHERE status IS NOT NULL
UNION ALL SELECT (rowid / 1000) * 1000, 'error=' || error FROM exchange WHERE error IS NOT NULL;

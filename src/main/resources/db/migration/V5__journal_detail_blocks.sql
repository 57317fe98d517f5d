-- Switchboard's store, version 5: journal details written a batch at a time, deflated together (same portability
-- rules as V1, plus BYTEA: PostgreSQL's binary type, which SQLite stores as the blob it is given).
--
-- A detail is mostly headers, and a batch's headers repeat each other: one deflated block per write batch is about
-- thirteen times smaller than the same details row by row, so a journal of a given size holds about three times the
-- history. (Deflating costs the writer about what writing the bigger rows did: the gain is room, not speed.)
-- Inflated, a block is one line per record: id TAB detail-JSON LF (the JSON described in V2__journal.sql).
-- id is the smallest record id in the block and last_id the largest, so retention removes a block once its newest
-- record is gone. exchange_detail keeps the details written before this version; new records leave it empty.
CREATE TABLE exchange_detail_block (
    id TEXT PRIMARY KEY,
    last_id TEXT NOT NULL,
    data BYTEA NOT NULL
);
ALTER TABLE exchange ADD COLUMN detail_block TEXT;

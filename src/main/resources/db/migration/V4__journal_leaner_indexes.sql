-- Switchboard's store, version 4: fewer journal indexes, so that writing a record costs less (same portability rules
-- as V1). Every index is one more B-tree each insert updates; with the journal on, they were most of the writer's CPU.
--
-- exchange_by_time: no query reads it (a time range is an id range on the primary key).
DROP INDEX exchange_by_time;
-- exchange_by_status: an exact status is also looked up through exchange_by_status_class, the query adding the status's
-- class ("(status / 100) = 5 AND status = 503"); a class index entry that is not the exact status is skipped.
DROP INDEX exchange_by_status;
-- exchange_by_error: most records have no error, and those need no index entry; "error = ?" implies "error IS NOT
-- NULL", so both databases use the partial index for it.
DROP INDEX exchange_by_error;
CREATE INDEX exchange_by_error ON exchange (error, id) WHERE error IS NOT NULL;

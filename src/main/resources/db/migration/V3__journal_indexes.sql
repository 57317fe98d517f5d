-- Switchboard's store, version 3: indexes for the journal's filters (same portability rules as V1).
--
-- An exchange's id starts with 16 hex digits of its time, so ordering by id is ordering by time and a time range is
-- an id range: every page query is "WHERE <filter> AND id < cursor ORDER BY id DESC LIMIT n". Each index below leads
-- with one filter column and ends with id, so a filtered page is read in order straight off the index and stops after
-- n rows, with no sort, however large the journal grows.
CREATE INDEX exchange_by_connector ON exchange (connector, id);
CREATE INDEX exchange_by_caller ON exchange (caller, id);
CREATE INDEX exchange_by_status ON exchange (status, id);
-- status=5xx asks for a class: the expression is written exactly like this in the queries so both databases use it.
CREATE INDEX exchange_by_status_class ON exchange ((status / 100), id);
CREATE INDEX exchange_by_error ON exchange (error, id);
CREATE INDEX exchange_by_trace ON exchange (trace_id);

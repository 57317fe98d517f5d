-- Switchboard's store, version 6 on PostgreSQL: nothing. On SQLite this version adds a trigram index for the
-- journal's q filter (db/sqlite/V6__journal_target_search.sql). PostgreSQL's equivalent, a pg_trgm GIN index, needs
-- an extension that a shared database may not allow, so here q stays a LIKE over the rows the other filters select.
-- The version exists on both so that both report the same schema version.
SELECT 1;

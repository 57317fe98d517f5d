-- Switchboard's store, version 11 on PostgreSQL: nothing. On SQLite, version 11 indexes the targets behind the q
-- filter one document per write batch (db/sqlite/V11); PostgreSQL's q is not an FTS5 index. The version exists so
-- that both databases report the same schema version.
SELECT 1;

-- Switchboard's store, version 9 on PostgreSQL: nothing. On SQLite, version 9 gives the trigram index of targets larger
-- leaf pages; PostgreSQL has no such index. The version exists so that both databases report the same schema version.
SELECT 1;

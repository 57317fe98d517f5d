-- Switchboard's store, version 7 on PostgreSQL: nothing. SQLite's V7 indexes the journal per write batch; PostgreSQL
-- keeps its per-record indexes (V3, V4), whose inserts its writer takes in stride. The version exists so that both
-- databases report the same schema version.
SELECT 1;

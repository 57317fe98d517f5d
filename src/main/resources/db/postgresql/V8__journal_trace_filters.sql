-- Switchboard's store, version 8 on PostgreSQL: nothing. On SQLite, version 8 (store/TraceFilterMigration.java)
-- replaces the per-record trace index with a filter per write batch; PostgreSQL keeps its B-tree index on trace_id
-- (its writer was not measured to suffer from it as SQLite's did). The version exists so that both databases report
-- the same schema version.
SELECT 1;

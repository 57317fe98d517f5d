-- Switchboard's store, version 10 on PostgreSQL: nothing. On SQLite, version 10 stores each write batch of the journal
-- as one packed value instead of a row per record (store/PackMigration.java); PostgreSQL keeps its rows and their
-- indexes. The version exists so that both databases report the same schema version.
SELECT 1;

-- Switchboard's store, version 9 on SQLite: the trigram index of targets (V6) writes larger leaf pages.
--
-- Every record's target goes into the trigram index, about one entry per character: for paths with an order number or
-- an id in them (nearly every real path), indexing them was the largest part of the journal writer's work (in-process,
-- ~4-6 µs a record for a 40-character path, against ~1 µs for the rest of the row). FTS5 keeps its lists in leaf pages
-- of 4050 bytes by default, each one row of its data table; on this store's 16 KiB pages, leaves of 32,000 bytes make
-- several times fewer rows to write per commit and per merge: the index cost ~15-25% less in a write loop of 1.6
-- million records with random order numbers. Only pages written from now on are larger; existing ones stay readable.
INSERT INTO exchange_target (exchange_target, rank) VALUES ('pgsz', 32000);

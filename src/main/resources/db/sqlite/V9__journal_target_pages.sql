-- Switchboard's store, version 9 on SQLite: the trigram index of targets (V6) writes larger leaf pages.
--
-- Every record's target goes into the trigram index, about one entry per character: for paths with an order number or
-- an id in them (nearly every real path), the index is the largest part of the journal writer's work (in-process, a
-- path with an order number costs the writer 3-4.5 µs a record more than a path that never changes). FTS5 keeps its
-- lists in leaf pages of 4050 bytes by default, each one row of its data table; leaves of 32,000 bytes (on this store's
-- 16 KiB pages) make about eight times fewer rows to write per commit and per merge: the index cost 15-25% less in a
-- write loop of 1.6 million records with random order numbers, and the store's whole write ~8% less in an interleaved
-- comparison. Only leaves written from now on are larger; existing ones are read as they are.
INSERT INTO exchange_target (exchange_target, rank) VALUES ('pgsz', 32000);

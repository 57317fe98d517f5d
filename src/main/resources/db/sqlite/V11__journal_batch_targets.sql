-- Switchboard's store, version 11 on SQLite: the targets behind the q filter indexed one document per write batch.
--
-- V6's index holds a row per record (since V10, per distinct target of a batch), and for paths with an order number
-- or an id in them, nearly every record is a distinct target: each one a row of FTS5, every three-character piece of it
-- an entry, the largest part of the journal writer's work with such paths. A batch's distinct targets, one per line,
-- as one document: one row per batch instead of hundreds, the same pieces. In the gateway, with another order number
-- in every request, the writer's CPU went from 10.6-12.5 to 8.0-9.1 µs a record. With positions kept
-- (detail = 'full'), a search is a phrase, which matches only where the text really is: a hit is a batch that holds
-- the text (give or take case), so a rare text reads only its batches, as the per-record rows did, where pieces
-- without positions would be in nearly every batch (an order number's digits are). rowid = the batch's first row
-- (exchange_batch). Batches written before stay in V6's index until retention removes them (store/TargetIndex.java).
CREATE VIRTUAL TABLE exchange_target_batch USING fts5(
    targets, tokenize = 'trigram', content = '', detail = 'full', columnsize = 0
);
INSERT INTO exchange_target_batch (exchange_target_batch, rank) VALUES ('pgsz', 32000);

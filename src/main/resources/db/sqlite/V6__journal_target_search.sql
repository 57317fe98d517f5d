-- Switchboard's store, version 6 on SQLite: an index for the journal's q filter (a substring of the target).
--
-- A substring has no B-tree: "LOWER(target) LIKE '%...%'" reads every row, over a second on ten million. FTS5's
-- trigram tokenizer indexes every three-character piece of each target (ASCII case folded, as LOWER does), so a
-- search looks up the pieces of q and reads only the rows holding them; the LIKE still decides, so the index only has
-- to narrow, never to be exact. Contentless (the text is in exchange already), without positions or sizes (neither is
-- needed when the LIKE checks), rowid = the exchange's rowid. The journal's writer adds each batch's targets and
-- retention removes them (store/TargetIndex.java): an FTS5 insert from a trigger cost several times more per row.
CREATE VIRTUAL TABLE exchange_target USING fts5(
    target, tokenize = 'trigram', content = '', detail = 'none', columnsize = 0
);
INSERT INTO exchange_target (rowid, target) SELECT rowid, target FROM exchange;

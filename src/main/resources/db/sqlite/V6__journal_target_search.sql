-- Switchboard's store, version 6 on SQLite: an index for the journal's q filter (a substring of the target).
--
-- A substring has no B-tree: "LOWER(target) LIKE '%...%'" reads every row, over a second on ten million. FTS5's
-- trigram tokenizer indexes every three-character piece of each target (ASCII case folded, as LOWER does), so a
-- search looks up the pieces of q and reads only the rows holding them all; the LIKE still decides, so the index only
-- has to narrow, never to be exact. Contentless (the text is in exchange already), without positions (detail=none:
-- the smallest index, and positions are not needed when the LIKE checks), and deletable by rowid for retention.
-- Kept in step by triggers, inside SQLite: the journal's writer binds nothing more per record.
CREATE VIRTUAL TABLE exchange_target USING fts5(
    target, tokenize = 'trigram', content = '', detail = 'none', contentless_delete = 1
);
INSERT INTO exchange_target (rowid, target) SELECT rowid, target FROM exchange;
CREATE TRIGGER exchange_target_insert AFTER INSERT ON exchange BEGIN
    INSERT INTO exchange_target (rowid, target) VALUES (new.rowid, new.target);
END;
CREATE TRIGGER exchange_target_delete AFTER DELETE ON exchange BEGIN
    DELETE FROM exchange_target WHERE rowid = old.rowid;
END;

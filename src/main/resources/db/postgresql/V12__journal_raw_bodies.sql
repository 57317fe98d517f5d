-- Switchboard's store, version 12: no change to a table. From this version on, a detail block may store a body's text
-- raw (a marker byte, its length, the bytes unescaped; store/DetailBlock.java) instead of as an escaped JSON string:
-- escaping a JSON body, with a quote every few bytes, was most of the journal writer's work on a record with a body
-- of a few kilobytes. The version says that the blocks may hold such bodies; a gateway older than it (a node left
-- behind during a rolling upgrade) cannot read the detail of a record with a body that a newer node wrote.
SELECT 1;

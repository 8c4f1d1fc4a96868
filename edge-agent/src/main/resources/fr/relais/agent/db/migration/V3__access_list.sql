-- The last valid access list, in its SIGNED form (the hub's exact bytes and signature), so that
-- it is verified again when read back: a row edited on disk fails the signature and opens no door.
-- position 0 is the snapshot; 1, 2, ... the deltas received since, in the order they were applied
-- (the node cannot sign the merged list, so it replays the chain at start).
-- version and site repeat what the payload says, for a human with the sqlite3 shell; the payload
-- is what counts. received_at (epoch milliseconds) is when the hub last sent or confirmed it.
CREATE TABLE access_list_chain (
    position    INTEGER NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL,
    site        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    signature   BLOB    NOT NULL
);

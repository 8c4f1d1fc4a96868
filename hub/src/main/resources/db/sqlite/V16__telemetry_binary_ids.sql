-- Telemetry keyed by its 16-byte message id (issue 14). Before, telemetry was a rowid table with
-- msg_id TEXT PRIMARY KEY: three B-trees per row (the rows by rowid, the 36-character id, the node
-- and time index). WITHOUT ROWID, the rows live in the id's B-tree: one B-tree less to write per
-- message, a key 20 bytes shorter, and the node and time index points to the 16-byte id. The
-- agents' ids are UUIDv7 (time first), so new rows land at the B-tree's right edge.
--
-- The CHECK keeps the column what the writer binds: SQLite would otherwise store a text id
-- beside the same id as bytes, and a redelivery would no longer be recognised.
--
-- Every stored id is converted; one that is not a canonical lowercase UUID text (the hub never
-- wrote one) becomes NULL and fails the NOT NULL constraint: the migration stops, rolled back,
-- rather than storing an id that no longer reads back as it was written.
CREATE TABLE telemetry_by_id (
    msg_id       BLOB    NOT NULL PRIMARY KEY CHECK (typeof(msg_id) = 'blob' AND length(msg_id) = 16),
    node_id      TEXT    NOT NULL,
    device_id    TEXT,
    seq          BIGINT  NOT NULL,
    device_ts    BIGINT  NOT NULL,
    clock_synced BOOLEAN NOT NULL,
    received_at  BIGINT  NOT NULL,
    health       TEXT    NOT NULL,
    metrics      TEXT    NOT NULL
) WITHOUT ROWID;

-- In id order, so the copy appends (a canonical text sorts as its bytes do).
INSERT INTO telemetry_by_id (msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at, health, metrics)
SELECT CASE WHEN msg_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
            THEN unhex(replace(msg_id, '-', '')) END,
       node_id, device_id, seq, device_ts, clock_synced, received_at, health, metrics
FROM telemetry ORDER BY msg_id;

DROP TABLE telemetry;
ALTER TABLE telemetry_by_id RENAME TO telemetry;
CREATE INDEX telemetry_by_node_time ON telemetry (node_id, received_at);

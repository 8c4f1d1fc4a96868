-- Counters and storage that one message cannot poison (issue 9). Portable between SQLite and
-- PostgreSQL like V1: times in epoch milliseconds (UTC).

-- A number far from a node's numbering (more than the hub's --max-seq-jump) starts a new
-- numbering instead of counting a billion holes: seq_resets counts how often that happened to the
-- node (a node that lost its counters too), seq_reset_at when it last did.
ALTER TABLE nodes ADD COLUMN seq_resets BIGINT NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN seq_reset_at BIGINT;

-- Dead letters get a retention and a cap per node: node_id is the node named by the topic's fourth
-- level ('' when the topic names none, and for the rows kept before this version). A message
-- received again byte for byte on the same topic (a retained garbage state at every
-- resubscription, a redelivery) is one row: digest is the SHA-256 of topic and payload,
-- occurrences how often it came, last_received_at the last time. Rows kept before this version
-- have no digest (NULLs never collide in a unique index).
ALTER TABLE dead_letters ADD COLUMN node_id TEXT NOT NULL DEFAULT '';
ALTER TABLE dead_letters ADD COLUMN digest TEXT;
ALTER TABLE dead_letters ADD COLUMN occurrences BIGINT NOT NULL DEFAULT 1;
ALTER TABLE dead_letters ADD COLUMN last_received_at BIGINT NOT NULL DEFAULT 0;
UPDATE dead_letters SET last_received_at = received_at;
CREATE UNIQUE INDEX dead_letters_by_digest ON dead_letters (digest);
CREATE INDEX dead_letters_by_node_last ON dead_letters (node_id, last_received_at);
CREATE INDEX dead_letters_by_last ON dead_letters (last_received_at);

-- GET /api/events lists the events newest first across every node: without an index on the
-- reception time alone, each page would sort the whole table (the node and type indexes of V1
-- and V3 serve only the lists filtered by node or by type).
CREATE INDEX events_by_time ON events (received_at);

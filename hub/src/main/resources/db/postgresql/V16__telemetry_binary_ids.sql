-- Telemetry keyed by its 16-byte message id (issue 14): PostgreSQL's uuid type instead of a
-- 36-character text, so the primary-key index and the node and time index carry 16 bytes
-- (SQLite, which has no uuid type, stores the same bytes as a BLOB: db/sqlite/V16).
--
-- Every stored id is converted; one that is not a canonical lowercase UUID text (the hub never
-- wrote one, but ::uuid would also accept upper case, braces or no hyphens and read back
-- differently) becomes NULL and fails the NOT NULL constraint: the migration stops, rolled back.
ALTER TABLE telemetry ALTER COLUMN msg_id TYPE uuid
    USING CASE WHEN msg_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN msg_id::uuid END;

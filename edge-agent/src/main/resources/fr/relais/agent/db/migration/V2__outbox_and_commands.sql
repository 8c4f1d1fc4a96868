-- The outbox: every message the node emits, kept until the broker has acknowledged it.
-- Two lanes, each sent oldest first: priority (alarms, access logs, command replies: sent
-- first, never evicted) and routine (telemetry and informational events: evicted oldest first
-- when the outbox is full). AUTOINCREMENT so that ids are never reused: the sender's cursor
-- relies on new rows having larger ids than any row it has already sent.
CREATE TABLE outbox_priority (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    payload    BLOB    NOT NULL
);

CREATE TABLE outbox_routine (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    payload    BLOB    NOT NULL
);

-- Commands received, so that a request id is executed at most once even when the broker
-- delivers it again after a reconnect. The final reply is kept to be sent again.
CREATE TABLE command_log (
    request_id  TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    reply       BLOB
);
CREATE INDEX command_log_by_time ON command_log (received_at);

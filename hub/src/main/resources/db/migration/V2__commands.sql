-- Remote commands, portable between SQLite and PostgreSQL like V1: times are milliseconds since
-- the epoch (UTC), ids canonical UUID texts, args and result JSON object texts.

-- One row per request the hub sent. status is pending, sent, delivered, succeeded, failed or
-- timed-out; reply_status is what the node last said (accepted, then ok, rejected or failed),
-- NULL while it has said nothing. deadline is also the expiresAt the node was given.
CREATE TABLE commands (
    id           TEXT   NOT NULL PRIMARY KEY,
    node_id      TEXT   NOT NULL,
    site_id      TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    args         TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    sent_at      BIGINT,
    delivered_at BIGINT,
    finished_at  BIGINT,
    deadline     BIGINT NOT NULL,
    reply_status TEXT,
    reason       TEXT,
    result       TEXT
);
CREATE INDEX commands_by_node_time ON commands (node_id, created_at);
-- The timeout sweep looks for open commands past their deadline every second.
CREATE INDEX commands_by_status_deadline ON commands (status, deadline);

-- Every reply a node sent for a known command, once per message id: redeliveries are recognised
-- here, and the node's sequence numbers are counted like those of its telemetry.
CREATE TABLE command_replies (
    msg_id       TEXT    NOT NULL PRIMARY KEY,
    request_id   TEXT    NOT NULL,
    node_id      TEXT    NOT NULL,
    seq          BIGINT  NOT NULL,
    device_ts    BIGINT  NOT NULL,
    clock_synced BOOLEAN NOT NULL,
    received_at  BIGINT  NOT NULL,
    status       TEXT    NOT NULL
);
CREATE INDEX command_replies_by_request ON command_replies (request_id);

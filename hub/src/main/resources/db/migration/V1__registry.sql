-- The registry of the territory and the raw messages, portable between SQLite and PostgreSQL.
-- Times are milliseconds since the epoch (UTC). Message ids are canonical UUID texts.

CREATE TABLE sites (
    id         TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE nodes (
    id             TEXT    NOT NULL PRIMARY KEY,
    site_id        TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    bd_seq         BIGINT,
    agent_version  TEXT,
    config_version TEXT,
    last_birth_at  BIGINT,
    last_state_at  BIGINT,
    last_seen      BIGINT,
    max_seq        BIGINT,
    seq_gaps       BIGINT  NOT NULL DEFAULT 0
);

-- health and metrics are the reading with the highest sequence number (value_seq): a replay of
-- old readings after an outage does not overwrite newer ones.
CREATE TABLE devices (
    node_id   TEXT    NOT NULL,
    id        TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    simulated BOOLEAN NOT NULL,
    health    TEXT    NOT NULL,
    metrics   TEXT,
    value_seq BIGINT,
    last_seen BIGINT,
    PRIMARY KEY (node_id, id)
);

-- device_id is NULL for the node's own telemetry.
CREATE TABLE telemetry (
    msg_id       TEXT    NOT NULL PRIMARY KEY,
    node_id      TEXT    NOT NULL,
    device_id    TEXT,
    seq          BIGINT  NOT NULL,
    device_ts    BIGINT  NOT NULL,
    clock_synced BOOLEAN NOT NULL,
    received_at  BIGINT  NOT NULL,
    health       TEXT    NOT NULL,
    metrics      TEXT    NOT NULL
);
CREATE INDEX telemetry_by_node_time ON telemetry (node_id, received_at);

CREATE TABLE events (
    msg_id       TEXT    NOT NULL PRIMARY KEY,
    node_id      TEXT    NOT NULL,
    device_id    TEXT,
    seq          BIGINT  NOT NULL,
    device_ts    BIGINT  NOT NULL,
    clock_synced BOOLEAN NOT NULL,
    received_at  BIGINT  NOT NULL,
    type         TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    data         TEXT    NOT NULL
);
CREATE INDEX events_by_node_time ON events (node_id, received_at);

-- What could not be read, kept for inspection: the exact bytes (base64) and the reason.
CREATE TABLE dead_letters (
    id             TEXT    NOT NULL PRIMARY KEY,
    received_at    BIGINT  NOT NULL,
    topic          TEXT    NOT NULL,
    field          TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    payload_size   INTEGER NOT NULL,
    payload_base64 TEXT    NOT NULL
);
CREATE INDEX dead_letters_by_time ON dead_letters (received_at);

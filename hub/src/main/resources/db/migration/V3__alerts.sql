-- Alerts, portable between SQLite and PostgreSQL like V1 and V2: times are milliseconds since the
-- epoch (UTC), ids canonical UUID texts.

-- One row per alert. condition_key names the condition (rule, node and device: 'rule/node/device',
-- '-' for a node's own condition); at most one alert per condition is not cleared, which the
-- partial unique index below enforces whatever the evaluator or the API do concurrently.
-- state is open, acknowledged or cleared. cleared_by is NULL when the hub cleared it because the
-- condition ended; since is when the condition began, opened_at when the alert was raised.
CREATE TABLE alerts (
    id              TEXT    NOT NULL PRIMARY KEY,
    condition_key   TEXT    NOT NULL,
    rule_id         TEXT    NOT NULL,
    site_id         TEXT    NOT NULL,
    node_id         TEXT    NOT NULL,
    device_id       TEXT,
    device_kind     TEXT,
    severity        TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    flapping        BOOLEAN NOT NULL,
    message         TEXT    NOT NULL,
    since           BIGINT  NOT NULL,
    opened_at       BIGINT  NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by TEXT,
    ack_comment     TEXT,
    cleared_at      BIGINT,
    cleared_by      TEXT,
    clear_comment   TEXT
);
CREATE UNIQUE INDEX alerts_one_active_per_condition ON alerts (condition_key) WHERE state <> 'cleared';
CREATE INDEX alerts_by_opened ON alerts (opened_at);
-- Flapping counts the openings of one condition inside a window.
CREATE INDEX alerts_by_condition_opened ON alerts (condition_key, opened_at);

-- A node's own latest metrics (outbox depth, disk, CPU…), like a device's in V1: the reading with
-- the highest sequence number wins, so a replay of old readings does not overwrite newer ones.
ALTER TABLE nodes ADD COLUMN metrics TEXT;
ALTER TABLE nodes ADD COLUMN metrics_seq BIGINT;

-- Event rules look for recent events of a few types.
CREATE INDEX events_by_type_time ON events (type, received_at);

-- Several hubs on one database, and telemetry kept for charts beyond its raw retention.
-- Portable between SQLite and PostgreSQL like V1: times in epoch milliseconds (UTC).

-- Sequence gaps are counted from what the database holds, so that they stay right when the
-- messages of one node are split between hubs: seq_count distinct numbers were stored between
-- min_seq and max_seq, so seq_gaps = seq_gaps_before + max_seq - min_seq + 1 - seq_count.
-- seq_gaps_before keeps the holes of an earlier numbering (a node that lost its counters).
ALTER TABLE nodes ADD COLUMN min_seq BIGINT;
ALTER TABLE nodes ADD COLUMN seq_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN seq_gaps_before BIGINT NOT NULL DEFAULT 0;
-- The holes counted so far are kept; counting starts afresh from the next message.
UPDATE nodes SET seq_gaps_before = seq_gaps, max_seq = NULL;

-- Numeric metrics of the raw telemetry, per node, device ('' for the node's own readings),
-- metric name and period (the minute or hour the hub received them in). The average is
-- sum_value / samples.
CREATE TABLE telemetry_minute (
    node_id      TEXT             NOT NULL,
    device_id    TEXT             NOT NULL,
    metric       TEXT             NOT NULL,
    bucket_start BIGINT           NOT NULL,
    samples      BIGINT           NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    sum_value    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (node_id, device_id, metric, bucket_start)
);
CREATE INDEX telemetry_minute_by_time ON telemetry_minute (bucket_start);

CREATE TABLE telemetry_hour (
    node_id      TEXT             NOT NULL,
    device_id    TEXT             NOT NULL,
    metric       TEXT             NOT NULL,
    bucket_start BIGINT           NOT NULL,
    samples      BIGINT           NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    sum_value    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (node_id, device_id, metric, bucket_start)
);
CREATE INDEX telemetry_hour_by_time ON telemetry_hour (bucket_start);

-- How far each rollup has gone: every period before done_until is rolled up, none after.
-- Moving it is the rollup's first write, so two hubs never roll up the same period twice.
-- 0: not started yet.
CREATE TABLE rollup_progress (
    resolution TEXT   NOT NULL PRIMARY KEY,
    done_until BIGINT NOT NULL
);
INSERT INTO rollup_progress (resolution, done_until) VALUES ('minute', 0);
INSERT INTO rollup_progress (resolution, done_until) VALUES ('hour', 0);

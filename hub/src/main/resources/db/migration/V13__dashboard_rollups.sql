-- The dashboard's read models (issue 13): occupancy per place and hour/day, broadband per commune and month,
-- and the flag that marks the demo's simulated history. Portable SQLite/PostgreSQL. Upserts add sums only
-- (ON CONFLICT ... DO UPDATE SET x = t.x + excluded.x works on both engines; GREATEST and max(a, b) do not).

-- Visitors and use of each place per hour. bucket_start: the UTC hour (ms); local_day (2026-12-06), local_hour
-- (0-23) and weekday (1 = Monday ... 7, Europe/Paris) are kept so that the heat map groups without time-zone
-- arithmetic in SQL. Counts are added to, never replaced: a late event adds to its own hour.
CREATE TABLE occupancy_hour (
    site_id           TEXT    NOT NULL,
    bucket_start      BIGINT  NOT NULL,
    local_day         TEXT    NOT NULL,
    local_hour        INTEGER NOT NULL,
    weekday           INTEGER NOT NULL,
    entries           BIGINT  NOT NULL,
    exits             BIGINT  NOT NULL,
    room_minutes      BIGINT  NOT NULL,
    coworker_checkins BIGINT  NOT NULL,
    simulated         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (site_id, bucket_start)
);
CREATE INDEX occupancy_hour_by_site_day ON occupancy_hour (site_id, local_day);

CREATE TABLE occupancy_day (
    site_id           TEXT    NOT NULL,
    local_day         TEXT    NOT NULL,
    month             TEXT    NOT NULL,
    entries           BIGINT  NOT NULL,
    exits             BIGINT  NOT NULL,
    room_minutes      BIGINT  NOT NULL,
    coworker_checkins BIGINT  NOT NULL,
    simulated         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (site_id, local_day)
);
CREATE INDEX occupancy_day_by_month ON occupancy_day (month, site_id);

-- Per commune, month (2026-12), node and kind of link (fibre, adsl, 4g, unknown). Medians come from histograms
-- (log bins), merged as readings arrive: a month's raw readings are never read again.
CREATE TABLE connectivity_month (
    commune_id             TEXT    NOT NULL,
    month                  TEXT    NOT NULL,
    node_id                TEXT    NOT NULL,
    link                   TEXT    NOT NULL,
    site_id                TEXT    NOT NULL,
    samples                BIGINT  NOT NULL,
    throughput_samples     BIGINT  NOT NULL,
    latency_median_ms      DOUBLE PRECISION,
    loss_median_percent    DOUBLE PRECISION,
    throughput_median_mbps DOUBLE PRECISION,
    histograms             TEXT    NOT NULL,
    simulated              BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (commune_id, month, node_id, link)
);
CREATE INDEX connectivity_month_by_month ON connectivity_month (month);

INSERT INTO rollup_progress (resolution, done_until) VALUES ('occupancy', 0);
INSERT INTO rollup_progress (resolution, done_until) VALUES ('connectivity', 0);

ALTER TABLE telemetry_minute ADD COLUMN simulated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE telemetry_hour ADD COLUMN simulated BOOLEAN NOT NULL DEFAULT FALSE;

-- The demo's simulated history per node, seeded once the node's first birth names its devices.
CREATE TABLE example_history (
    node_id      TEXT   NOT NULL PRIMARY KEY,
    seeded_from  BIGINT NOT NULL,
    seeded_until BIGINT NOT NULL
);

-- The communes of the community's very-high-speed broadband roadmap, marked on the Débit screen.
ALTER TABLE communes ADD COLUMN roadmap BOOLEAN NOT NULL DEFAULT FALSE;

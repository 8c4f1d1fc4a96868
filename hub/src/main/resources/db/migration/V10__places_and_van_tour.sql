-- Places, communes, opening hours and the van's tour (issue 12), portable between SQLite and
-- PostgreSQL like V8: dates are ISO texts (2026-12-01), local times HH:mm texts (Europe/Paris),
-- instants epoch milliseconds. "start"/"end" are starts/ends: END is reserved in PostgreSQL.

-- van_served: the van stops there (every commune of the territory but the two with a place).
CREATE TABLE communes (
    id         TEXT             NOT NULL PRIMARY KEY,
    name       TEXT             NOT NULL,
    lat        DOUBLE PRECISION NOT NULL,
    lon        DOUBLE PRECISION NOT NULL,
    van_served BOOLEAN          NOT NULL
);

-- A site of the registry as a place visitors come to; its name and kind stay the registry's.
CREATE TABLE places (
    site_id    TEXT NOT NULL PRIMARY KEY,
    commune_id TEXT,
    address    TEXT,
    lat        DOUBLE PRECISION,
    lon        DOUBLE PRECISION
);

-- Weekly opening periods, several a day allowed; day is MONDAY…SUNDAY.
CREATE TABLE place_hours (
    site_id TEXT NOT NULL,
    day     TEXT NOT NULL,
    opens   TEXT NOT NULL,
    closes  TEXT NOT NULL,
    PRIMARY KEY (site_id, day, opens)
);

-- A dated exception: closed all day, or other hours (opens/closes) that day.
CREATE TABLE place_hours_exceptions (
    id         TEXT    NOT NULL PRIMARY KEY,
    site_id    TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    closed     BOOLEAN NOT NULL,
    opens      TEXT,
    closes     TEXT,
    label      TEXT,
    created_at BIGINT  NOT NULL
);
CREATE INDEX place_hours_exceptions_by_site ON place_hours_exceptions (site_id, day);

-- A recurring stop of the van: the ordinal weekday of every month (1..4, or -1 for the last),
-- from starts to ends local time, between valid_from and valid_until (NULL: open-ended).
CREATE TABLE van_stops (
    id          TEXT    NOT NULL PRIMARY KEY,
    commune_id  TEXT    NOT NULL,
    place       TEXT    NOT NULL,
    weekday     TEXT    NOT NULL,
    ordinal     INTEGER NOT NULL,
    starts      TEXT    NOT NULL,
    ends        TEXT    NOT NULL,
    valid_from  TEXT    NOT NULL,
    valid_until TEXT,
    note        TEXT,
    created_at  BIGINT  NOT NULL
);

-- kind: cancelled (stop_id's visit of day), moved (stop_id's visit of day, to to_day (NULL: the
-- same day) at starts-ends, place), added (a visit to commune_id on day), closed (no visit at
-- all that day: a holiday).
CREATE TABLE van_exceptions (
    id         TEXT   NOT NULL PRIMARY KEY,
    kind       TEXT   NOT NULL,
    day        TEXT   NOT NULL,
    stop_id    TEXT,
    commune_id TEXT,
    to_day     TEXT,
    starts     TEXT,
    ends       TEXT,
    place      TEXT,
    reason     TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX van_exceptions_by_day ON van_exceptions (day);

-- Which example data the hub loaded (--example-content): answers built on it say so.
CREATE TABLE example_content (
    part      TEXT   NOT NULL PRIMARY KEY,
    loaded_at BIGINT NOT NULL
);

-- Coworking: members, plans, badges, resources, bookings, presence and the doors' access log.
-- Portable between SQLite and PostgreSQL like V1: times are milliseconds since the epoch (UTC),
-- local days are ISO texts (2026-12-05), local times HH:mm texts. Badge numbers are never stored:
-- a badge is its HMAC-SHA256 hash (what the readers send) and a label, the hash's last 4 hex.

-- One row once a site has coworking data or settings; a site without a row has the defaults.
CREATE TABLE coworking_sites (
    site_id                TEXT    NOT NULL PRIMARY KEY,
    time_zone              TEXT    NOT NULL DEFAULT 'Europe/Paris',
    booking_margin_minutes INTEGER NOT NULL DEFAULT 15,
    auto_checkout_at       TEXT    NOT NULL DEFAULT '00:00'
);

-- doors: JSON array of door device ids; windows: JSON array of {days:[...], from, until} (local).
-- pack_days: how many days a pack holds (kind pack), copied to a member when the plan is given.
CREATE TABLE coworking_plans (
    id          TEXT    NOT NULL PRIMARY KEY,
    site_id     TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    doors       TEXT    NOT NULL,
    windows     TEXT    NOT NULL,
    valid_from  TEXT,
    valid_until TEXT,
    pack_days   INTEGER,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX coworking_plans_by_site ON coworking_plans (site_id, id);

-- status: active, suspended or revoked (final). pack_days_left: NULL unless the plan is a pack.
CREATE TABLE coworking_members (
    id             TEXT    NOT NULL PRIMARY KEY,
    site_id        TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    organisation   TEXT,
    email          TEXT,
    plan_id        TEXT,
    status         TEXT    NOT NULL,
    notes          TEXT,
    pack_days_left INTEGER,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX coworking_members_by_site ON coworking_members (site_id, id);

-- badge_class: member, staff or maintenance; status: active, suspended or revoked.
-- A hash belongs to one badge of a site: the readers of a site share its key.
CREATE TABLE coworking_badges (
    id          TEXT    NOT NULL PRIMARY KEY,
    site_id     TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    badge_hash  TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    badge_class TEXT    NOT NULL,
    valid_from  TEXT,
    valid_until TEXT,
    status      TEXT    NOT NULL,
    enrolled_at BIGINT  NOT NULL,
    UNIQUE (site_id, badge_hash)
);
CREATE INDEX coworking_badges_by_member ON coworking_badges (member_id, id);

-- kind: room or desk; door_id: the door a booking of it opens, if any.
CREATE TABLE coworking_resources (
    id         TEXT   NOT NULL PRIMARY KEY,
    site_id    TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    door_id    TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX coworking_resources_by_site ON coworking_resources (site_id, id);

-- cancelled_at NULL: the booking holds. Overlaps are refused by the store, in a transaction.
CREATE TABLE coworking_bookings (
    id           TEXT   NOT NULL PRIMARY KEY,
    site_id      TEXT   NOT NULL,
    resource_id  TEXT   NOT NULL,
    member_id    TEXT   NOT NULL,
    starts_at    BIGINT NOT NULL,
    ends_at      BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    cancelled_at BIGINT
);
CREATE INDEX coworking_bookings_by_resource ON coworking_bookings (resource_id, starts_at);
CREATE INDEX coworking_bookings_by_site ON coworking_bookings (site_id, starts_at);

-- One visit: opened by a granted entry, closed by an exit read (checkout 'exit') or at the
-- site's autoCheckoutAt (checkout 'auto'). id is the entry event's message id.
CREATE TABLE coworking_presence (
    id             TEXT   NOT NULL PRIMARY KEY,
    site_id        TEXT   NOT NULL,
    member_id      TEXT   NOT NULL,
    door_id        TEXT,
    checked_in_at  BIGINT NOT NULL,
    checked_out_at BIGINT,
    checkout       TEXT
);
CREATE INDEX coworking_presence_by_site ON coworking_presence (site_id, checked_in_at);
CREATE INDEX coworking_presence_by_member ON coworking_presence (member_id, checked_in_at);

-- Every door decision the nodes reported; id is the event's message id (a redelivery is a no-op).
CREATE TABLE coworking_access_log (
    id          TEXT   NOT NULL PRIMARY KEY,
    site_id     TEXT   NOT NULL,
    node_id     TEXT   NOT NULL,
    door_id     TEXT,
    reader_id   TEXT,
    member_id   TEXT,
    decision    TEXT   NOT NULL,
    reason      TEXT   NOT NULL,
    direction   TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX coworking_access_log_by_site ON coworking_access_log (site_id, at);

-- Badges the doors did not know (or any read of a reader without door): what enrolment picks
-- from. Kept a day at most; the API shows the last 5 minutes. The hash never leaves the hub.
CREATE TABLE coworking_unknown_reads (
    id         TEXT   NOT NULL PRIMARY KEY,
    site_id    TEXT   NOT NULL,
    node_id    TEXT   NOT NULL,
    reader_id  TEXT,
    door_id    TEXT,
    badge_hash TEXT   NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX coworking_unknown_reads_by_site ON coworking_unknown_reads (site_id, at);

-- Pack days used: one row per member and local day, whichever door counted it first.
CREATE TABLE coworking_pack_days (
    member_id TEXT   NOT NULL,
    day       TEXT   NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (member_id, day)
);

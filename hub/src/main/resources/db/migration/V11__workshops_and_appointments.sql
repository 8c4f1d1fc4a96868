-- Workshops and appointments (issue 12), portable between SQLite and PostgreSQL like V8: times in
-- epoch milliseconds (UTC), shown in Europe/Paris. Booking codes are 6 characters of an
-- unambiguous alphabet (no 0/O/1/I), unique among the bookings that hold (partial unique indexes,
-- which both engines have). example: created by --example-content, said so wherever shown.

-- level: beginner, intermediate or advanced; status: active or cancelled; place: where in the
-- building (or the address), shown on the kiosk.
CREATE TABLE workshops (
    id           TEXT    NOT NULL PRIMARY KEY,
    site_id      TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    level        TEXT    NOT NULL,
    start_at     BIGINT  NOT NULL,
    end_at       BIGINT  NOT NULL,
    seats        INTEGER NOT NULL,
    professional BOOLEAN NOT NULL,
    place        TEXT,
    status       TEXT    NOT NULL,
    example      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX workshops_by_site ON workshops (site_id, start_at);

-- number: 1, 2, 3… per workshop, never reused ("Inscrit n° 4"); first_name NULL: anonymous.
-- source: kiosk or desk. cancelled_at NULL while it holds.
CREATE TABLE workshop_registrations (
    id           TEXT    NOT NULL PRIMARY KEY,
    workshop_id  TEXT    NOT NULL,
    code         TEXT    NOT NULL,
    first_name   TEXT,
    number       INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    cancelled_at BIGINT
);
CREATE INDEX workshop_registrations_by_workshop ON workshop_registrations (workshop_id, number);
CREATE UNIQUE INDEX workshop_registrations_code ON workshop_registrations (code) WHERE cancelled_at IS NULL;

-- with_whom: mediator (the place's) or van (then commune_id is the stop's commune).
CREATE TABLE appointment_slots (
    id         TEXT    NOT NULL PRIMARY KEY,
    site_id    TEXT    NOT NULL,
    with_whom  TEXT    NOT NULL,
    start_at   BIGINT  NOT NULL,
    end_at     BIGINT  NOT NULL,
    place      TEXT    NOT NULL,
    commune_id TEXT,
    example    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT  NOT NULL
);
CREATE INDEX appointment_slots_by_site ON appointment_slots (site_id, start_at);

-- One holding booking per slot at most (the index refuses a second even if the store's check
-- were raced); first_name only: no contact data is asked.
CREATE TABLE appointment_bookings (
    id           TEXT    NOT NULL PRIMARY KEY,
    slot_id      TEXT    NOT NULL,
    site_id      TEXT    NOT NULL,
    code         TEXT    NOT NULL,
    first_name   TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    cancelled_at BIGINT
);
CREATE UNIQUE INDEX appointment_bookings_slot ON appointment_bookings (slot_id) WHERE cancelled_at IS NULL;
CREATE UNIQUE INDEX appointment_bookings_code ON appointment_bookings (code) WHERE cancelled_at IS NULL;

-- The hub's latest content for this place's kiosk (PlaceContent JSON, exactly as received), so the
-- kiosk has something to show after a restart with the link down. One row at most. version is the
-- content's own (the hub's generation time in ms); received_at (epoch ms) is what the kiosk shows
-- as "mis à jour à".
CREATE TABLE kiosk_content (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    body        BLOB    NOT NULL
);

-- Queue tickets taken at the kiosk, numbered here per local day (yyyy-mm-dd, Europe/Paris) so
-- numbering goes on with the link down and survives a restart. id is the ticket's UUID, also sent
-- to the hub in the ticket-taken event; taken_at is epoch ms.
CREATE TABLE kiosk_tickets (
    id       TEXT    NOT NULL PRIMARY KEY,
    day      TEXT    NOT NULL,
    number   INTEGER NOT NULL,
    topic    TEXT    NOT NULL,
    taken_at INTEGER NOT NULL,
    UNIQUE (day, number)
);

-- The kiosk actions this agent issued an id for (an action sent to the hub, a check-in decided
-- here), so GET /kiosk/v1/actions/{id} can tell "pending" (issued, the hub has not answered yet)
-- from an id it never issued (404: e.g. the database was wiped since). Kept for the database's
-- life: a few rows a day. id is the action's UUID, type its KioskActions name, issued_at epoch ms.
CREATE TABLE kiosk_actions (
    id        TEXT    NOT NULL PRIMARY KEY,
    type      TEXT    NOT NULL,
    issued_at INTEGER NOT NULL
);

-- The places' queue tickets and the answers to the kiosks' actions (issue 12), portable between
-- SQLite and PostgreSQL like V8/V9: times in epoch milliseconds (UTC), days as yyyy-mm-dd text
-- (the place's local day, as the agent numbered the ticket).

-- One row per ticket; id is the ticket's UUID chosen by the agent (a redelivered ticket-taken is a
-- no-op). status: waiting, called, done or no-show. A ticket's service time is done_at - called_at
-- (a desk's next call closes the ticket it was serving).
CREATE TABLE queue_tickets (
    id        TEXT    NOT NULL PRIMARY KEY,
    site_id   TEXT    NOT NULL,
    node_id   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    number    INTEGER NOT NULL,
    label     TEXT    NOT NULL,
    topic     TEXT    NOT NULL,
    taken_at  BIGINT  NOT NULL,
    called_at BIGINT,
    desk      TEXT,
    done_at   BIGINT,
    status    TEXT    NOT NULL
);
CREATE INDEX queue_tickets_by_day ON queue_tickets (site_id, day, taken_at);

-- The hub's answer to each kiosk action (but tickets), published in the node's content.
-- status: done or refused; code: a booking's code; message: French text for the visitor.
CREATE TABLE kiosk_answers (
    action_id   TEXT   NOT NULL PRIMARY KEY,
    site_id     TEXT   NOT NULL,
    node_id     TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    code        TEXT,
    message     TEXT,
    answered_at BIGINT NOT NULL
);
CREATE INDEX kiosk_answers_by_node ON kiosk_answers (node_id, answered_at);

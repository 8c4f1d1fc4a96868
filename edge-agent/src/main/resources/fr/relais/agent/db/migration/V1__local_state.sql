-- Small counters the agent must keep across reboots (bdSeq, the message sequence).
CREATE TABLE local_state (
    name  TEXT    NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
);

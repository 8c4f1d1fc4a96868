-- The doors' access lists (issue 11), portable between SQLite and PostgreSQL like V1: times in
-- epoch milliseconds (UTC), signed lists as their wire text ({"v":1,"payload":…,"signature":…},
-- ASCII JSON, exactly the bytes published).

-- One row per version of a site's list. snapshot is kept for the latest version only (older
-- rows lose it when a newer one is issued); delta (from version - 1) for the last hundred or so
-- versions, enough for a node that missed a few. A site's first version has no delta.
CREATE TABLE access_lists (
    site_id    TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    issued_at  BIGINT NOT NULL,
    snapshot   TEXT,
    delta      TEXT,
    PRIMARY KEY (site_id, version)
);

-- What each door node said it holds (its access-list events; reported_at NULL: it never said),
-- and what the hub last sent it.
-- held_version 0: none. need_snapshot: the node asked for a snapshot (it holds none, or a delta
-- did not apply). sent_version and sent_at: the hub's last publication (or attempt) to it, for re-sending.
CREATE TABLE access_list_nodes (
    node_id       TEXT    NOT NULL PRIMARY KEY,
    site_id       TEXT    NOT NULL,
    held_version  BIGINT  NOT NULL,
    need_snapshot BOOLEAN NOT NULL,
    reported_at   BIGINT,
    sent_version  BIGINT,
    sent_at       BIGINT
);

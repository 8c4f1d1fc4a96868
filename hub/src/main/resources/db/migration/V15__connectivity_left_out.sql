-- The probe readings the broadband table leaves out (issue 13, WP-Con), per month (Europe/Paris),
-- site and reason: outside_visits (the van between two visits of its tour), no_commune (a place
-- with no commune), unreadable (metrics that are not JSON, or without any of the figures).
-- Counts are added to, never replaced, in the transaction that moves the 'connectivity' progress.
CREATE TABLE connectivity_left_out (
    month    TEXT   NOT NULL,
    site_id  TEXT   NOT NULL,
    reason   TEXT   NOT NULL,
    readings BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, reason)
);

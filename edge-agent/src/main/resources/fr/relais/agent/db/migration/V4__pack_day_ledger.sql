-- The pack days a door counted itself that its access list does not show yet (PackDayLedger):
-- kept across restarts, or a member offline for a week would get a free day at every reboot.
-- day is the local date (ISO, 2026-12-05). Rows leave once a list shows the hub counted them.
CREATE TABLE pack_day_ledger (
    member TEXT NOT NULL,
    day    TEXT NOT NULL,
    PRIMARY KEY (member, day)
);

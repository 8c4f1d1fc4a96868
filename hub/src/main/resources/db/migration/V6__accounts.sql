-- Technicians' accounts, their browser sessions and script tokens, and the audit of every write.
-- Portable between SQLite and PostgreSQL like V1: times are milliseconds since the epoch (UTC).
-- No secret is stored as such: passwords as BCrypt hashes, session ids and tokens as SHA-256
-- hex digests (they are 256-bit random values, so a plain digest suffices), so that a copy of
-- the database opens no session.

-- role is admin, technician or viewer; site_id is the one site a viewer may read, NULL otherwise.
-- A disabled account keeps its row (the audit names it) but can no longer log in or use a token.
CREATE TABLE accounts (
    username      TEXT   NOT NULL PRIMARY KEY,
    password_hash TEXT   NOT NULL,
    role          TEXT   NOT NULL,
    site_id       TEXT,
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT
);

-- In the database rather than in memory so that a restart keeps them and several hubs share them.
CREATE TABLE sessions (
    id_hash      TEXT   NOT NULL PRIMARY KEY,
    username     TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_by_username ON sessions (username);

-- expires_at NULL: until deleted.
CREATE TABLE api_tokens (
    id           TEXT   NOT NULL PRIMARY KEY,
    token_hash   TEXT   NOT NULL UNIQUE,
    username     TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_by_username ON api_tokens (username);

-- One row per write request (any method but GET, HEAD and OPTIONS) under /api. id is a
-- time-ordered UUID (version 7), so that rows of the same millisecond keep their order.
-- username is who asked (for a failed login, the name that was tried), NULL when unknown.
CREATE TABLE audit_log (
    id             TEXT    NOT NULL PRIMARY KEY,
    at             BIGINT  NOT NULL,
    username       TEXT,
    method         TEXT    NOT NULL,
    path           TEXT    NOT NULL,
    status         INTEGER NOT NULL,
    remote_address TEXT,
    summary        TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_user_time ON audit_log (username, at);

-- Admin: operator accounts, login attempts, notice drafts and their approval, audit log,
-- residents' problem reports about shelters.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('editor', 'approver', 'admin')),
    password_hash TEXT NOT NULL,                 -- werkzeug scrypt
    totp_secret   TEXT,                          -- base32; NULL until a second factor is set up
    session_epoch INTEGER NOT NULL DEFAULT 1,    -- bumped on password change: ends every session
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

-- Every login attempt: failures count towards the per-account and per-client limits.
CREATE TABLE login_attempts (
    id        INTEGER PRIMARY KEY,
    username  TEXT NOT NULL COLLATE NOCASE,
    address   TEXT NOT NULL,
    at        TEXT NOT NULL,                     -- ISO-8601 UTC
    outcome   TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'locked', 'throttled'))
);
CREATE INDEX login_attempts_by_user ON login_attempts (username, at);
CREATE INDEX login_attempts_by_address ON login_attempts (address, at);

-- Notices composed in /admin: waiting for approval, then published (or discarded).
CREATE TABLE notice_drafts (
    id           INTEGER PRIMARY KEY,
    record       TEXT NOT NULL,                  -- JSON: the notice as it will be stored
    status       TEXT NOT NULL CHECK (status IN ('Actual', 'Exercise', 'Test')),
    kind         TEXT NOT NULL,
    msg_type     TEXT NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'published', 'discarded')),
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    approved_by  INTEGER REFERENCES users (id),  -- the second person (NULL: one-person kind or drill)
    published_at TEXT,
    notice_id    INTEGER REFERENCES notices (id)
);
CREATE INDEX notice_drafts_by_state ON notice_drafts (state, created_at);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users (id),
    username  TEXT NOT NULL,
    action    TEXT NOT NULL,                     -- e.g. notice.publish, shelter.edit, login
    target    TEXT NOT NULL DEFAULT '',          -- e.g. notice:12, shelter:40
    address   TEXT NOT NULL DEFAULT '',
    before    TEXT,                              -- JSON
    after     TEXT                               -- JSON
);
CREATE INDEX audit_log_by_time ON audit_log (at);

-- Residents' reports: no personal data and no address is stored, only what is wrong.
CREATE TABLE shelter_reports (
    id          INTEGER PRIMARY KEY,
    shelter_id  INTEGER NOT NULL REFERENCES shelters (id) ON DELETE CASCADE,
    problem     TEXT NOT NULL CHECK (problem IN ('closed', 'locked', 'full', 'wrong_place',
                'damaged', 'not_a_shelter', 'other')),
    details     TEXT NOT NULL DEFAULT '' CHECK (length(details) <= 500),
    reported_at TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'fixed', 'not_confirmed')),
    resolved_by INTEGER REFERENCES users (id),
    resolved_at TEXT
);
CREATE INDEX shelter_reports_by_state ON shelter_reports (state, reported_at);

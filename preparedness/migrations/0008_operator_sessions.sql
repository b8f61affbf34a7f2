-- Operator sessions kept on the server: the cookie carries only a signed random token, whose
-- SHA-256 is the row's id (a copy of this table logs nobody in). Deleting a row ends that session
-- for good, so logging out, "log out everywhere" and a new password end copied cookies too.
CREATE TABLE operator_sessions (
    id         TEXT PRIMARY KEY,                 -- hex SHA-256 of the cookie's token
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,  -- also between password and code
    data       TEXT NOT NULL,                    -- the session's values (Flask's tagged JSON)
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    expires_at TEXT NOT NULL                     -- rows past this are deleted when a new one is made
);
CREATE INDEX operator_sessions_by_user ON operator_sessions (user_id);
CREATE INDEX operator_sessions_by_expiry ON operator_sessions (expires_at);

-- Login limits read the failures of one address on one account since its last success.
CREATE INDEX login_attempts_by_pair ON login_attempts (username, address, at);

-- Web Push: residents' subscriptions (only what sending needs: the push service's endpoint, the
-- browser's keys, the chosen areas and the language; no address, no user agent), and the queue of
-- notices to announce, which a worker outside the request drains.

CREATE TABLE push_subscriptions (
    id          INTEGER PRIMARY KEY,
    endpoint    TEXT NOT NULL UNIQUE,
    p256dh      TEXT NOT NULL,            -- the browser's P-256 public key, base64url
    auth        TEXT NOT NULL,            -- the 16-byte authentication secret, base64url
    lang        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE push_subscription_areas (
    area            TEXT NOT NULL,
    subscription_id INTEGER NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    PRIMARY KEY (area, subscription_id)
) WITHOUT ROWID;
CREATE INDEX push_subscription_areas_by_subscription ON push_subscription_areas (subscription_id);

-- One row per published version of a notice (revision: a digest of its receipt time, kind, areas,
-- texts and expiry), so a re-import that changes nothing announces nothing twice.
CREATE TABLE push_jobs (
    id          INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    revision    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    claimed_at  TEXT,                     -- a sender took it; stale claims are taken over
    done_at     TEXT,
    sent        INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (notice_id, revision)
);
CREATE INDEX push_jobs_pending ON push_jobs (done_at, id);

-- Deliveries a push service asked us to repeat later (429 with Retry-After, 5xx, network errors).
CREATE TABLE push_retries (
    job_id          INTEGER NOT NULL REFERENCES push_jobs (id) ON DELETE CASCADE,
    subscription_id INTEGER NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    not_before      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (job_id, subscription_id)
) WITHOUT ROWID;

-- Clients of the subscription API per hour, as a keyed hash that cannot be read back.
CREATE TABLE push_api_limits (
    client   TEXT NOT NULL,
    hour     INTEGER NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (client, hour)
) WITHOUT ROWID;

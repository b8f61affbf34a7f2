-- Import trust: who entered each notice, why an import waits for a person, and new versions of
-- published notices that wait for a person before they replace what residents see.

-- 'operator' (typed at /admin), 'sample' (demo data) or 'import' (a file, feed or channel).
-- No import may change or end an operator's notice.
ALTER TABLE notices ADD COLUMN origin TEXT NOT NULL DEFAULT 'import'
    CHECK (origin IN ('import', 'operator', 'sample'));
UPDATE notices SET origin = 'operator' WHERE source = 'admin';
UPDATE notices SET origin = 'sample' WHERE is_sample = 1;

-- Why an imported notice waits for review (shown to the operator), NULL when published directly.
ALTER TABLE notices ADD COLUMN review_reason TEXT;

-- A fingerprint of the version as the source sent it (before any person's correction), so that
-- reading the same feed again is "unchanged" even after an operator corrected kind or areas.
ALTER TABLE notices ADD COLUMN source_hash TEXT;

-- 1 when a person changed the kind or areas the source gave: the notice no longer says what the
-- source said, so its CAP output is issued under our own sender with references to the original.
ALTER TABLE notices ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0 CHECK (corrected IN (0, 1));

-- For an all-clear read from a post: the threat kinds it names ("Отбой угрозы атаки БПЛА": drone),
-- space-separated; NULL when it names none ("Отбой"), which ends every threat where it applies.
ALTER TABLE notices ADD COLUMN clears TEXT;

-- A changed version of a published notice that needs a person: the published one stays as it is
-- until the change is approved. At most one version waits per notice (a newer one replaces it).
CREATE TABLE notice_pending (
    id           INTEGER PRIMARY KEY,
    notice_id    INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    record       TEXT NOT NULL,                -- JSON: the version as the source sent it
    source_hash  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'approved', 'rejected'))
);
CREATE INDEX notice_pending_by_notice ON notice_pending (notice_id, source_hash);
CREATE UNIQUE INDEX notice_pending_one_waiting ON notice_pending (notice_id) WHERE state = 'waiting';

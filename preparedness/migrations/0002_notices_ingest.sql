-- Notices ingestion: how each imported notice was read, its areas as received, and polled sources.

-- How sure the classification is (0..1); NULL for notices entered by hand.
ALTER TABLE notices ADD COLUMN confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1);
-- 'cap' (kind from the sender's code), 'cap-text' (CAP, kind read from its words), 'text' (a post).
ALTER TABLE notices ADD COLUMN classified_by TEXT;
-- JSON list of the CAP <area> blocks as received: areaDesc, polygons, circles, geocodes.
ALTER TABLE notices ADD COLUMN area_raw TEXT;
-- When the source last changed this item (a Telegram edit, a feed entry's updated time).
ALTER TABLE notices ADD COLUMN source_updated TEXT;

CREATE INDEX notices_by_identifier ON notices (identifier);

-- Configured sources polled by `flask notices poll`: what the last conditional GET returned.
CREATE TABLE notice_sources (
    name          TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT,
    changed_at    TEXT,
    last_result   TEXT
);

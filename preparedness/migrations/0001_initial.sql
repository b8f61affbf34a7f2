-- Notices (CAP-aligned), their texts per language and their areas; shelters with R*Tree and FTS5.

CREATE TABLE notices (
    id           INTEGER PRIMARY KEY,
    identifier   TEXT NOT NULL,
    sender       TEXT NOT NULL,
    sent         TEXT NOT NULL,                 -- ISO-8601 UTC
    status       TEXT NOT NULL DEFAULT 'Actual'
                 CHECK (status IN ('Actual', 'Exercise', 'System', 'Test', 'Draft')),
    msg_type     TEXT NOT NULL DEFAULT 'Alert' CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
    refs         TEXT,                          -- CAP references: "sender,identifier,sent ..."
    kind         TEXT NOT NULL CHECK (kind IN ('missile', 'drone', 'air_raid', 'artillery',
                 'all_clear', 'explosive_object', 'power_outage', 'water_outage', 'heating_outage',
                 'road_closure', 'evacuation', 'shelter_update', 'other')),
    severity     TEXT NOT NULL DEFAULT 'Unknown',
    urgency      TEXT NOT NULL DEFAULT 'Unknown',
    certainty    TEXT NOT NULL DEFAULT 'Unknown',
    effective    TEXT NOT NULL,
    expires      TEXT NOT NULL,
    region_wide  INTEGER NOT NULL DEFAULT 0 CHECK (region_wide IN (0, 1)),
    source       TEXT NOT NULL,
    url          TEXT,
    original_lang TEXT NOT NULL DEFAULT 'ru',
    publication  TEXT NOT NULL DEFAULT 'published'
                 CHECK (publication IN ('published', 'review', 'rejected')),
    ended_at     TEXT,                          -- set when cancelled or superseded
    is_sample    INTEGER NOT NULL DEFAULT 0,
    received_at  TEXT NOT NULL,
    raw          TEXT,
    UNIQUE (source, identifier)
);
CREATE INDEX notices_live ON notices (publication, expires);

CREATE TABLE notice_texts (
    notice_id    INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    lang         TEXT NOT NULL,
    event        TEXT NOT NULL DEFAULT '',
    headline     TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    instruction  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (notice_id, lang)
);

CREATE TABLE notice_areas (
    notice_id    INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    area         TEXT NOT NULL,
    PRIMARY KEY (notice_id, area)
);
CREATE INDEX notice_areas_by_area ON notice_areas (area);

CREATE TABLE shelters (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    name         TEXT NOT NULL,
    address      TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('bomb_shelter', 'basement',
                 'parking', 'underpass', 'anti_radiation', 'simple_cover', 'other')),
    capacity     INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    area         TEXT,
    lat          REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    status       TEXT NOT NULL DEFAULT 'unknown'
                 CHECK (status IN ('open', 'closed', 'full', 'unknown')),
    checked_at   TEXT,
    accessible   INTEGER CHECK (accessible IS NULL OR accessible IN (0, 1)),
    features     TEXT NOT NULL DEFAULT '',      -- space-separated: water toilet heating power pets wheelchair_space
    opening_hours TEXT,
    access_notes TEXT,
    operator     TEXT,
    confidence   TEXT NOT NULL DEFAULT 'unverified',
    is_sample    INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX shelters_by_area ON shelters (area, status);

CREATE VIRTUAL TABLE shelters_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);

CREATE VIRTUAL TABLE shelters_fts USING fts5 (
    name, address, content='shelters', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER shelters_ai AFTER INSERT ON shelters BEGIN
    INSERT INTO shelters_rtree VALUES (new.id, new.lat, new.lat, new.lon, new.lon);
    INSERT INTO shelters_fts (rowid, name, address) VALUES (new.id, new.name, new.address);
END;

CREATE TRIGGER shelters_ad AFTER DELETE ON shelters BEGIN
    DELETE FROM shelters_rtree WHERE id = old.id;
    INSERT INTO shelters_fts (shelters_fts, rowid, name, address)
        VALUES ('delete', old.id, old.name, old.address);
END;

CREATE TRIGGER shelters_au AFTER UPDATE ON shelters BEGIN
    UPDATE shelters_rtree SET min_lat = new.lat, max_lat = new.lat, min_lon = new.lon,
        max_lon = new.lon WHERE id = new.id;
    INSERT INTO shelters_fts (shelters_fts, rowid, name, address)
        VALUES ('delete', old.id, old.name, old.address);
    INSERT INTO shelters_fts (rowid, name, address) VALUES (new.id, new.name, new.address);
END;

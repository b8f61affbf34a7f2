-- Shelters: a log of imports (which file, which source, what came of it).

CREATE TABLE shelter_imports (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('csv', 'geojson')),
    imported     INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    imported_at  TEXT NOT NULL                  -- ISO-8601 UTC
);
CREATE INDEX shelter_imports_by_source ON shelter_imports (source, imported_at);

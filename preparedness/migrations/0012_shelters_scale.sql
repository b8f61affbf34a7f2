-- Shelter data at scale and the trust limits of the public side.
--
-- Residents' problem reports carry a keyed hash of (shelter, address): one address counts once per
-- shelter per day, and a status is put in doubt only by reports from several addresses. The hash
-- cannot be read back into an address and differs from shelter to shelter.
ALTER TABLE shelter_reports ADD COLUMN reporter TEXT;     -- HMAC(secret key, shelter | address), hex
CREATE INDEX shelter_reports_by_reporter ON shelter_reports (shelter_id, reporter, reported_at);

-- One row that /healthz rewrites: a write that fails (read-only file, full disk) shows up there.
CREATE TABLE health_probe (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at  TEXT NOT NULL
);

-- /api/shelters.geojson: the index of areas (count, newest change, bounding box) and one area's
-- pages in id order both read this index alone, never the whole table.
CREATE INDEX shelters_by_area_id ON shelters (area, id, lat, lon, updated_at);

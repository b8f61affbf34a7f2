-- A push job that withdraws a notice from some areas only: an Update that no longer covers an area
-- tells that area's subscribers the earlier alert is withdrawn (JSON list of area slugs; NULL for an
-- ordinary job, which announces the notice to every area it covers).
ALTER TABLE push_jobs ADD COLUMN withdraw_areas TEXT;

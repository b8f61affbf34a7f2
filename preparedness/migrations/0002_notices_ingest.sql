-- Notices ingestion: reserved for the notices pipeline (sources, review queue).
SELECT 1;

-- Shelters: reserved for import and problem reports.
SELECT 1;

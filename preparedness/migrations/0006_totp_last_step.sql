-- The 30-second step of the last one-time code each account used: a code is accepted only for a
-- later step, so a code seen over someone's shoulder (or replayed) cannot log in a second time.

ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

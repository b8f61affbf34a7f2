-- How many problem reports each client sent per hour, to limit them. The client is kept only as a
-- keyed hash of its address and the hour (it cannot be read back or followed from hour to hour);
-- rows older than a day are deleted whenever a report arrives.

CREATE TABLE report_limits (
    client   TEXT NOT NULL,                     -- HMAC(secret key, hour | address), hex
    hour     INTEGER NOT NULL,                  -- hours since 1970-01-01 UTC
    reports  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (client, hour)
) WITHOUT ROWID;
CREATE INDEX report_limits_by_hour ON report_limits (hour);

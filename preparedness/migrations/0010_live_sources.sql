-- Live channel sources followed by `flask notices watch`: the newest post seen, and each post's
-- text as last seen, so new posts, edits and deletions are told apart between polls.

CREATE TABLE live_posts (
    source      TEXT NOT NULL,
    post_id     INTEGER NOT NULL,
    digest      TEXT NOT NULL,            -- sha256 of the post's text and links as last seen
    edited      INTEGER NOT NULL DEFAULT 0,
    first_seen  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    deleted_at  TEXT,
    PRIMARY KEY (source, post_id)
) WITHOUT ROWID;

CREATE TABLE live_sources (
    name          TEXT PRIMARY KEY,
    last_post_id  INTEGER,
    etag          TEXT,
    last_modified TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    checked_at    TEXT,
    last_result   TEXT
);

-- Pushes to operators: approvers' and admins' browsers that asked, on the desk, to hear when something
-- waits for a person (a draft to approve, an import to review). Operators are staff with accounts;
-- residents' subscriptions stay in push_subscriptions and are never tied to anyone.

CREATE TABLE operator_push_subscriptions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint    TEXT NOT NULL UNIQUE,
    p256dh      TEXT NOT NULL,
    auth        TEXT NOT NULL,
    lang        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX operator_push_subscriptions_by_user ON operator_push_subscriptions (user_id);

-- What waits for a person and was already announced ('draft:12', 'review:34', 'version:5'), so each
-- waiting item rings once; rows go when the item no longer waits.
CREATE TABLE desk_announced (
    item          TEXT PRIMARY KEY,
    announced_at  TEXT NOT NULL
) WITHOUT ROWID;

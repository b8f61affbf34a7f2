-- The desk: the two-person rule bound to content, and on-duty publishing.
-- `version` grows with every edit: publishing names the version the approver previewed and fails
-- if the draft changed since. Everyone who wrote or edited a draft is one of its authors, and an
-- author is never the second person who approves it.
ALTER TABLE notice_drafts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- 1 when one approver published their own draft in on-duty mode, after typing the area's name.
ALTER TABLE notice_drafts ADD COLUMN on_duty INTEGER NOT NULL DEFAULT 0 CHECK (on_duty IN (0, 1));

CREATE TABLE draft_authors (
    draft_id INTEGER NOT NULL REFERENCES notice_drafts (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (draft_id, user_id)
) WITHOUT ROWID;
INSERT INTO draft_authors (draft_id, user_id) SELECT id, created_by FROM notice_drafts;

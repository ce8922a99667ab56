-- migrate:up
-- The calendar and the post list read targets by time across a whole subtree (issue 17, decision 0012): the
-- calendar's month is a range of scheduled_at (or of published_at for a post sent at once, which has no time),
-- the list pages newest first by scheduled_at then id. Without these, both read all 1.1 million targets of the
-- national data set on every view.
CREATE INDEX "post_targets_scheduled_at_id_idx" ON "post_targets"("scheduled_at", "id");
CREATE INDEX "post_targets_published_at_idx" ON "post_targets"("published_at");

-- migrate:down
DROP INDEX "post_targets_published_at_idx";
DROP INDEX "post_targets_scheduled_at_id_idx";

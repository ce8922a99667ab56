-- migrate:up
-- TikTok names a public video only after moderation (docs/platforms.md "TikTok"): such a target is PUBLISHED
-- with last_error_kind 'awaiting_post_id' until the worker finds its id. The reconciler looks for these few
-- among a million published targets; a partial index holds only them.
CREATE INDEX "post_targets_awaiting_post_id_idx" ON "post_targets"("id") WHERE "last_error_kind" = 'awaiting_post_id';

-- migrate:down
DROP INDEX "post_targets_awaiting_post_id_idx";

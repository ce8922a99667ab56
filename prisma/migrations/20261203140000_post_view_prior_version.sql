-- migrate:up
-- Issue 14 (docs/decisions/0010-the-desk-on-phones.md): the approver sees what changed since the last version
-- they saw. Opening a post marks its current version seen, and the post page refreshes itself while it waits
-- for approval, so the version seen before this one is kept too: the changes stay highlighted until decided.
ALTER TABLE "post_views" ADD COLUMN "prior_version" INTEGER;

-- migrate:down
ALTER TABLE "post_views" DROP COLUMN "prior_version";

-- migrate:up
-- Facebook Login returns every Page the person manages; the operator then picks which to register
-- (issue 12, docs/decisions/0008-real-platforms.md). The Pages and their tokens wait here, sealed, for at
-- most ten minutes after the return, and are erased once the pick is made (picked_at, at most once).
ALTER TABLE "oauth_connections" ADD COLUMN "pending_accounts_enc" TEXT;
ALTER TABLE "oauth_connections" ADD COLUMN "picked_at" TIMESTAMPTZ(3);

-- migrate:down
ALTER TABLE "oauth_connections" DROP COLUMN "picked_at";
ALTER TABLE "oauth_connections" DROP COLUMN "pending_accounts_enc";

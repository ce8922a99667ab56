-- migrate:up
-- Meta sends a Page's or an Instagram account's webhooks only to an app installed on it (POST
-- /{id}/subscribed_apps; docs/platforms.md "Subscribing each account"). Siar installs itself on each account it
-- connects and notes when; a repeating round takes up the accounts still without it (NULL).
ALTER TABLE "social_accounts" ADD COLUMN "webhooks_subscribed_at" TIMESTAMPTZ(3);

-- migrate:down
ALTER TABLE "social_accounts" DROP COLUMN "webhooks_subscribed_at";

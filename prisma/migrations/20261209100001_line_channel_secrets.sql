-- migrate:up
-- Each LINE Official Account is a Messaging API channel of its own, and LINE signs each channel's webhook
-- deliveries with that channel's secret (docs/platforms.md "Webhooks"). One installation-wide secret could
-- verify only one channel's deliveries: an office with a LINE account per Polda received messages from one.
-- The channel secret given when the account is connected is kept here, sealed like the tokens
-- (src/server/crypto/secret-box.ts); NULL: the account's deliveries are verified with LINE_CHANNEL_SECRET.
ALTER TABLE "social_accounts" ADD COLUMN "webhook_secret_enc" TEXT;

-- migrate:down
ALTER TABLE "social_accounts" DROP COLUMN "webhook_secret_enc";

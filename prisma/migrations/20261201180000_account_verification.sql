-- migrate:up
-- Accounts verified by HQ (issue 18): an account registered below the top unit waits until a SUPERVISOR
-- of an ancestor unit verifies it as official or rejects it; only verified accounts can be targeted.
CREATE TYPE "AccountVerification" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED');

-- Accounts that exist when this ships count as verified; new rows start as PENDING.
ALTER TABLE "social_accounts"
  ADD COLUMN "verification" "AccountVerification" NOT NULL DEFAULT 'VERIFIED',
  ADD COLUMN "verification_note" VARCHAR(500),
  ADD COLUMN "verification_by_id" UUID,
  ADD COLUMN "verification_at" TIMESTAMPTZ(3),
  ADD COLUMN "registered_by_id" UUID;
ALTER TABLE "social_accounts" ALTER COLUMN "verification" SET DEFAULT 'PENDING';

ALTER TABLE "social_accounts" ADD CONSTRAINT "social_accounts_verification_by_id_fkey" FOREIGN KEY ("verification_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "social_accounts" ADD CONSTRAINT "social_accounts_registered_by_id_fkey" FOREIGN KEY ("registered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- The verification queue and the per-unit counts of what awaits verification.
CREATE INDEX "social_accounts_verification_unit_id_idx" ON "social_accounts"("verification", "unit_id");

-- migrate:down
DROP INDEX "social_accounts_verification_unit_id_idx";
ALTER TABLE "social_accounts" DROP CONSTRAINT "social_accounts_registered_by_id_fkey";
ALTER TABLE "social_accounts" DROP CONSTRAINT "social_accounts_verification_by_id_fkey";
ALTER TABLE "social_accounts"
  DROP COLUMN "registered_by_id",
  DROP COLUMN "verification_at",
  DROP COLUMN "verification_by_id",
  DROP COLUMN "verification_note",
  DROP COLUMN "verification";
DROP TYPE "AccountVerification";

-- migrate:up
-- Responsivitas, the sixth component of the activity index (issue 16 item 6, docs/decisions/0004-activity-index.md
-- and 0011-interaksi-warga.md). Per account and local day of receipt, the citizens' items that needed a public
-- reply and are decided (replied, or past their deadline unreplied), how many were replied within their
-- category's deadline, how many were replied at all and the seconds those replies took. Recomputed from the
-- raw items by the roll-up job (src/server/interactions/response-rollup.ts), never read per item by a board.
CREATE TABLE "account_daily_responses" (
  "account_id" UUID NOT NULL,
  "day" INTEGER NOT NULL,
  "due" INTEGER NOT NULL DEFAULT 0,
  "on_time" INTEGER NOT NULL DEFAULT 0,
  "replied" INTEGER NOT NULL DEFAULT 0,
  "reply_seconds" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "account_daily_responses_pkey" PRIMARY KEY ("account_id", "day")
);
ALTER TABLE "account_daily_responses" ADD CONSTRAINT "account_daily_responses_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Where the roll-up got to: items changed after this time are looked at again on the next run.
CREATE TABLE "response_rollup_marks" (
  "id" INTEGER NOT NULL,
  "computed_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "response_rollup_marks_pkey" PRIMARY KEY ("id")
);

-- The roll-up finds the items changed since its last run.
CREATE INDEX "interactions_updated_at_idx" ON "interactions"("updated_at");

-- A writer that changes what Responsivitas counts with raw SQL (state, category, the first reply, resolution)
-- without touching updated_at still marks the item changed, so the next roll-up looks at its day again.
CREATE FUNCTION siar_interaction_touched() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN NEW.updated_at := clock_timestamp(); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "interactions_touched" BEFORE UPDATE OF "state", "category", "first_reply_at", "resolved_at" ON "interactions"
  FOR EACH ROW EXECUTE FUNCTION siar_interaction_touched();

-- Weights saved before Responsivitas existed keep their numbers (they still add up to 100) and give it 0:
-- an organisation's board does not change under it until its SUPERADMIN gives Responsivitas a weight.
ALTER TABLE "score_weights" ADD COLUMN "responsiveness" INTEGER NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE "score_weights" DROP COLUMN "responsiveness";
DROP TRIGGER "interactions_touched" ON "interactions";
DROP FUNCTION siar_interaction_touched();
DROP INDEX "interactions_updated_at_idx";
DROP TABLE "response_rollup_marks";
DROP TABLE "account_daily_responses";

-- migrate:up
-- Public replies (issue 16 item 5, docs/decisions/0011-interaksi-warga.md "Public replies"): where a sent reply
-- can be seen, and the categories whose replies wait for a SUPERVISOR's approval, per organisation (root unit).
ALTER TABLE "interaction_replies" ADD COLUMN "external_url" VARCHAR(500);

CREATE TABLE "reply_approval_rules" (
  "root_unit_id" UUID NOT NULL,
  "category" "InteractionCategory" NOT NULL,
  "updated_by_id" UUID NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "reply_approval_rules_pkey" PRIMARY KEY ("root_unit_id", "category")
);
ALTER TABLE "reply_approval_rules" ADD CONSTRAINT "reply_approval_rules_root_unit_id_fkey" FOREIGN KEY ("root_unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reply_approval_rules" ADD CONSTRAINT "reply_approval_rules_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "reply_approval_rules";
ALTER TABLE "interaction_replies" DROP COLUMN "external_url";

-- migrate:up
-- Disposisi (issue 16, docs/decisions/0011-interaksi-warga.md): each organisation (root unit) sets how many
-- hours a function has to answer, per category; a category without a row keeps the documented default
-- (defaultDeadlineHours in src/lib/interactions.ts). A function may ask Humas for clarification, and Humas
-- answers it on the disposition.
CREATE TABLE "disposition_deadlines" (
  "root_unit_id" UUID NOT NULL,
  "category" "InteractionCategory" NOT NULL,
  "hours" INTEGER NOT NULL,
  "updated_by_id" UUID NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "disposition_deadlines_pkey" PRIMARY KEY ("root_unit_id", "category")
);
ALTER TABLE "disposition_deadlines" ADD CONSTRAINT "disposition_deadlines_root_unit_id_fkey" FOREIGN KEY ("root_unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "disposition_deadlines" ADD CONSTRAINT "disposition_deadlines_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "dispositions" ADD COLUMN "clarification_asked_at" TIMESTAMPTZ(3);
ALTER TABLE "dispositions" ADD COLUMN "clarification_reply" TEXT;
ALTER TABLE "dispositions" ADD COLUMN "clarification_replied_at" TIMESTAMPTZ(3);

-- migrate:down
ALTER TABLE "dispositions" DROP COLUMN "clarification_replied_at";
ALTER TABLE "dispositions" DROP COLUMN "clarification_reply";
ALTER TABLE "dispositions" DROP COLUMN "clarification_asked_at";
DROP TABLE "disposition_deadlines";

-- migrate:up
-- Scopes cut at the tenant line (issue 13, docs/decisions/0009-trust.md): each organisation (root unit) has
-- its own leaderboard weights, changed only by a SUPERADMIN over that root. The weights in force so far were
-- one set for the installation; every root starts from a copy of that history, in the same order.
ALTER TABLE "score_weights" ADD COLUMN "root_unit_id" UUID;

INSERT INTO "score_weights" ("root_unit_id", "activity", "consistency", "engagement", "engagement_rate", "reliability", "created_by_id", "created_at")
SELECT u."id", w."activity", w."consistency", w."engagement", w."engagement_rate", w."reliability", w."created_by_id", w."created_at"
FROM "score_weights" w CROSS JOIN "units" u
WHERE w."root_unit_id" IS NULL AND u."parent_id" IS NULL
ORDER BY u."id", w."id";

DELETE FROM "score_weights" WHERE "root_unit_id" IS NULL;

ALTER TABLE "score_weights" ALTER COLUMN "root_unit_id" SET NOT NULL;
ALTER TABLE "score_weights" ADD CONSTRAINT "score_weights_root_unit_id_fkey" FOREIGN KEY ("root_unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "score_weights_root_unit_id_id_idx" ON "score_weights"("root_unit_id", "id" DESC);

-- migrate:down
DROP INDEX "score_weights_root_unit_id_id_idx";
ALTER TABLE "score_weights" DROP CONSTRAINT "score_weights_root_unit_id_fkey";
ALTER TABLE "score_weights" DROP COLUMN "root_unit_id";

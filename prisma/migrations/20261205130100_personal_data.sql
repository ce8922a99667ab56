-- migrate:up
-- Citizens' personal data (issue 16 item 7, UU 27/2022; docs/decisions/0011-interaksi-warga.md).
-- Who opened an item marked Pengaduan or Laporan Informasi, and when: one row per view, with a copy of the
-- item's unit so a subtree's log is read by an index range.
CREATE TABLE "interaction_views" (
  "id" BIGSERIAL NOT NULL,
  "interaction_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "viewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "interaction_views_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "interaction_views" ADD CONSTRAINT "interaction_views_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interaction_views" ADD CONSTRAINT "interaction_views_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interaction_views" ADD CONSTRAINT "interaction_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "interaction_views_interaction_id_viewed_at_idx" ON "interaction_views"("interaction_id", "viewed_at" DESC);
CREATE INDEX "interaction_views_unit_id_viewed_at_idx" ON "interaction_views"("unit_id", "viewed_at" DESC);

-- How long each organisation keeps citizens' items before the daily job anonymises them; without a row the
-- documented default (INTERACTION_RETENTION_DAYS in src/lib/interactions.ts) applies.
CREATE TABLE "interaction_retention" (
  "root_unit_id" UUID NOT NULL,
  "days" INTEGER NOT NULL,
  "updated_by_id" UUID NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "interaction_retention_pkey" PRIMARY KEY ("root_unit_id")
);
ALTER TABLE "interaction_retention" ADD CONSTRAINT "interaction_retention_root_unit_id_fkey" FOREIGN KEY ("root_unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interaction_retention" ADD CONSTRAINT "interaction_retention_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One citizen's items, found for an export on request, by handle or by the platform's id of the author.
CREATE INDEX "interactions_author_handle_idx" ON "interactions"(lower("author_handle"));
CREATE INDEX "interactions_author_external_id_idx" ON "interactions"("author_external_id");

-- migrate:down
DROP INDEX "interactions_author_external_id_idx";
DROP INDEX "interactions_author_handle_idx";
DROP TABLE "interaction_retention";
DROP TABLE "interaction_views";

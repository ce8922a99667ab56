-- migrate:up
CREATE TABLE "post_revisions" (
  "id" UUID NOT NULL,
  "post_id" UUID NOT NULL,
  "version" INTEGER NOT NULL,
  "editor_id" UUID NOT NULL,
  "base_text" TEXT NOT NULL,
  "title" VARCHAR(100),
  "targets" JSONB NOT NULL,
  "media_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "post_revisions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "post_revisions_post_id_version_key" ON "post_revisions"("post_id", "version");

CREATE TABLE "post_views" (
  "user_id" UUID NOT NULL,
  "post_id" UUID NOT NULL,
  "seen_version" INTEGER NOT NULL,
  "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "post_views_pkey" PRIMARY KEY ("user_id", "post_id")
);
CREATE INDEX "post_views_post_id_idx" ON "post_views"("post_id");

CREATE TABLE "target_groups" (
  "id" UUID NOT NULL,
  "owner_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "name" VARCHAR(100) NOT NULL,
  "account_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "target_groups_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "target_groups_owner_id_name_key" ON "target_groups"("owner_id", "name");
CREATE INDEX "target_groups_unit_id_idx" ON "target_groups"("unit_id");

ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "post_views" ADD CONSTRAINT "post_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "post_views" ADD CONSTRAINT "post_views_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "target_groups" ADD CONSTRAINT "target_groups_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "target_groups" ADD CONSTRAINT "target_groups_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "target_groups", "post_views", "post_revisions";

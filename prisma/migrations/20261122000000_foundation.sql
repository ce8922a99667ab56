-- migrate:up
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SUPERVISOR', 'LEADERSHIP', 'SUPERADMIN');
CREATE TYPE "Platform" AS ENUM ('X', 'FACEBOOK_PAGE', 'INSTAGRAM', 'LINE_OA', 'YOUTUBE', 'TIKTOK');
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'NEEDS_RECONNECT', 'DISABLED');
CREATE TYPE "TargetStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'CHANGES_REQUESTED', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'UNCONFIRMED', 'CANCELLED', 'PAUSED');
CREATE TYPE "MediaType" AS ENUM ('IMAGE', 'GIF', 'VIDEO');
CREATE TYPE "ApprovalOutcome" AS ENUM ('APPROVED', 'REJECTED');

CREATE TABLE "units" (
  "id" UUID NOT NULL,
  "name" VARCHAR(160) NOT NULL,
  "code" VARCHAR(32) NOT NULL,
  "kind" VARCHAR(40) NOT NULL,
  "time_zone" VARCHAR(40) NOT NULL,
  "parent_id" UUID,
  "path" TEXT NOT NULL,
  "depth" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "units_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "units_time_zone_check" CHECK ("time_zone" IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'))
);
CREATE UNIQUE INDEX "units_code_key" ON "units"("code");
CREATE INDEX "units_parent_id_idx" ON "units"("parent_id");
CREATE INDEX "units_path_idx" ON "units"("path");

CREATE TABLE "social_accounts" (
  "id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "platform" "Platform" NOT NULL,
  "handle" VARCHAR(100) NOT NULL,
  "display_name" VARCHAR(160) NOT NULL,
  "platform_account_id" VARCHAR(100) NOT NULL,
  "profile_url" VARCHAR(500),
  "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
  "verified" BOOLEAN NOT NULL DEFAULT false,
  "follower_count" INTEGER,
  "followers_updated_at" TIMESTAMPTZ(3),
  "access_token_enc" TEXT,
  "refresh_token_enc" TEXT,
  "token_expires_at" TIMESTAMPTZ(3),
  "refresh_token_expires_at" TIMESTAMPTZ(3),
  "credentials_updated_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "social_accounts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "social_accounts_platform_platform_account_id_key" ON "social_accounts"("platform", "platform_account_id");
CREATE UNIQUE INDEX "social_accounts_platform_handle_key" ON "social_accounts"("platform", "handle");
CREATE INDEX "social_accounts_unit_id_idx" ON "social_accounts"("unit_id");
CREATE INDEX "social_accounts_status_idx" ON "social_accounts"("status");

CREATE TABLE "account_admins" (
  "account_id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "account_admins_pkey" PRIMARY KEY ("account_id", "user_id")
);
CREATE INDEX "account_admins_user_id_idx" ON "account_admins"("user_id");

CREATE TABLE "users" (
  "id" UUID NOT NULL,
  "email" VARCHAR(254) NOT NULL,
  "name" VARCHAR(160) NOT NULL,
  "password_hash" VARCHAR(100) NOT NULL,
  "locale" VARCHAR(5) NOT NULL DEFAULT 'id',
  "failed_login_count" INTEGER NOT NULL DEFAULT 0,
  "last_failed_at" TIMESTAMPTZ(3),
  "locked_until" TIMESTAMPTZ(3),
  "disabled_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "memberships" (
  "id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "role" "Role" NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "memberships_user_id_unit_id_role_key" ON "memberships"("user_id", "unit_id", "role");
CREATE INDEX "memberships_unit_id_idx" ON "memberships"("unit_id");

CREATE TABLE "audit_logs" (
  "id" BIGSERIAL NOT NULL,
  "actor_id" UUID,
  "action" VARCHAR(60) NOT NULL,
  "entity_type" VARCHAR(40) NOT NULL,
  "entity_id" VARCHAR(64) NOT NULL,
  "unit_id" UUID,
  "unit_path" TEXT,
  "before" JSONB,
  "after" JSONB,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_logs_entity_type_entity_id_idx" ON "audit_logs"("entity_type", "entity_id");
CREATE INDEX "audit_logs_actor_id_idx" ON "audit_logs"("actor_id");
CREATE INDEX "audit_logs_unit_path_idx" ON "audit_logs"("unit_path");
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs"("created_at");

-- The audit log is append-only: history cannot be rewritten, even by the application.
CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only';
END;
$$;
CREATE TRIGGER audit_logs_no_update BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();

CREATE TABLE "posts" (
  "id" UUID NOT NULL,
  "author_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "base_text" TEXT NOT NULL,
  "title" VARCHAR(100),
  "version" INTEGER NOT NULL DEFAULT 1,
  "commercial_flags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "posts_unit_id_idx" ON "posts"("unit_id");
CREATE INDEX "posts_author_id_idx" ON "posts"("author_id");

CREATE TABLE "post_targets" (
  "id" UUID NOT NULL,
  "post_id" UUID NOT NULL,
  "account_id" UUID NOT NULL,
  "text_override" TEXT,
  "scheduled_at" TIMESTAMPTZ(3),
  "status" "TargetStatus" NOT NULL DEFAULT 'DRAFT',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT,
  "last_error_kind" VARCHAR(20),
  "platform_post_id" VARCHAR(200),
  "platform_url" VARCHAR(500),
  "platform_state" JSONB,
  "claimed_at" TIMESTAMPTZ(3),
  "published_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "post_targets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "post_targets_post_id_account_id_key" ON "post_targets"("post_id", "account_id");
CREATE INDEX "post_targets_status_scheduled_at_idx" ON "post_targets"("status", "scheduled_at");
CREATE INDEX "post_targets_account_id_published_at_idx" ON "post_targets"("account_id", "published_at");

CREATE TABLE "media" (
  "id" UUID NOT NULL,
  "post_id" UUID,
  "unit_id" UUID NOT NULL,
  "uploader_id" UUID NOT NULL,
  "position" INTEGER NOT NULL DEFAULT 0,
  "type" "MediaType" NOT NULL,
  "mime_type" VARCHAR(100) NOT NULL,
  "file_name" VARCHAR(255) NOT NULL,
  "storage_key" VARCHAR(255) NOT NULL,
  "size_bytes" INTEGER NOT NULL,
  "width" INTEGER,
  "height" INTEGER,
  "duration_sec" DOUBLE PRECISION,
  "alt_text" VARCHAR(1000),
  "sha256" VARCHAR(64) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "media_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "media_storage_key_key" ON "media"("storage_key");
CREATE INDEX "media_post_id_idx" ON "media"("post_id");

CREATE TABLE "approval_decisions" (
  "id" UUID NOT NULL,
  "post_id" UUID NOT NULL,
  "decider_id" UUID NOT NULL,
  "outcome" "ApprovalOutcome" NOT NULL,
  "comment" TEXT,
  "post_version" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "approval_decisions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "approval_decisions_post_id_created_at_idx" ON "approval_decisions"("post_id", "created_at");

CREATE TABLE "publishing_pauses" (
  "id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "reason" VARCHAR(500) NOT NULL,
  "started_by_id" UUID NOT NULL,
  "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "ended_by_id" UUID,
  "ended_at" TIMESTAMPTZ(3),
  CONSTRAINT "publishing_pauses_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "publishing_pauses_unit_id_ended_at_idx" ON "publishing_pauses"("unit_id", "ended_at");

ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "social_accounts" ADD CONSTRAINT "social_accounts_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "account_admins" ADD CONSTRAINT "account_admins_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "account_admins" ADD CONSTRAINT "account_admins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "posts" ADD CONSTRAINT "posts_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "media" ADD CONSTRAINT "media_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "media" ADD CONSTRAINT "media_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "media" ADD CONSTRAINT "media_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_decider_id_fkey" FOREIGN KEY ("decider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "publishing_pauses" ADD CONSTRAINT "publishing_pauses_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "publishing_pauses" ADD CONSTRAINT "publishing_pauses_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "publishing_pauses" ADD CONSTRAINT "publishing_pauses_ended_by_id_fkey" FOREIGN KEY ("ended_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "publishing_pauses", "approval_decisions", "media", "post_targets", "posts", "audit_logs", "memberships", "users", "account_admins", "social_accounts", "units" CASCADE;
DROP FUNCTION audit_logs_append_only();
DROP TYPE "Role", "Platform", "AccountStatus", "TargetStatus", "MediaType", "ApprovalOutcome";

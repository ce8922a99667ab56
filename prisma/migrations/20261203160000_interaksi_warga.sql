-- migrate:up
-- Interaksi Warga (issue 16, docs/decisions/0011-interaksi-warga.md): citizens' comments, mentions and
-- messages on the registered accounts, their forwarding (disposisi) to a function unit, and the public reply.
-- A function unit is a unit of kind 'FUNGSI'; its people hold the new role RESPONDER (Petugas Fungsi).
ALTER TYPE "Role" ADD VALUE 'RESPONDER';

CREATE TYPE "InteractionKind" AS ENUM ('COMMENT', 'MENTION', 'MESSAGE');
CREATE TYPE "InteractionCategory" AS ENUM ('PERTANYAAN', 'PENGADUAN', 'KRITIK_SARAN', 'LAPORAN_INFORMASI', 'APRESIASI', 'SPAM');
CREATE TYPE "InteractionState" AS ENUM ('NEW', 'TRIAGED', 'FORWARDED', 'ANSWERED', 'REPLIED', 'CLOSED');
-- The outcome classes of publishing (decision 0002): queued, sending, sent, failed, unknown (checked, never resent blindly).
CREATE TYPE "ReplyState" AS ENUM ('PENDING_APPROVAL', 'QUEUED', 'SENDING', 'SENT', 'FAILED', 'UNCONFIRMED', 'CANCELLED');

CREATE TABLE "interactions" (
  "id" UUID NOT NULL,
  "platform" "Platform" NOT NULL,
  "external_id" VARCHAR(200) NOT NULL,
  "account_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "kind" "InteractionKind" NOT NULL,
  "author_external_id" VARCHAR(200),
  "author_handle" VARCHAR(100),
  "author_name" VARCHAR(160),
  "text" TEXT NOT NULL,
  "target_id" UUID,
  "external_parent_id" VARCHAR(200),
  "received_at" TIMESTAMPTZ(3) NOT NULL,
  "category" "InteractionCategory",
  "urgent" BOOLEAN NOT NULL DEFAULT false,
  "state" "InteractionState" NOT NULL DEFAULT 'NEW',
  "assignee_id" UUID,
  "platform_data" JSONB,
  "first_reply_at" TIMESTAMPTZ(3),
  "resolved_at" TIMESTAMPTZ(3),
  "anonymised_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "interactions_pkey" PRIMARY KEY ("id")
);
-- Each item once, whatever the retries of a webhook or a poll.
CREATE UNIQUE INDEX "interactions_platform_external_id_key" ON "interactions"("platform", "external_id");
CREATE INDEX "interactions_unit_id_received_at_idx" ON "interactions"("unit_id", "received_at");
CREATE INDEX "interactions_account_id_received_at_idx" ON "interactions"("account_id", "received_at");
CREATE INDEX "interactions_state_idx" ON "interactions"("state");
CREATE INDEX "interactions_assignee_id_idx" ON "interactions"("assignee_id");

CREATE TABLE "dispositions" (
  "id" UUID NOT NULL,
  "interaction_id" UUID NOT NULL,
  "from_unit_id" UUID NOT NULL,
  "to_unit_id" UUID NOT NULL,
  "created_by_id" UUID NOT NULL,
  "note" TEXT,
  "deadline_at" TIMESTAMPTZ(3) NOT NULL,
  "clarification" TEXT,
  "answer" TEXT,
  "answered_by_id" UUID,
  "answered_at" TIMESTAMPTZ(3),
  "escalated_at" TIMESTAMPTZ(3),
  "escalated_to_unit_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "dispositions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "dispositions_interaction_id_idx" ON "dispositions"("interaction_id");
CREATE INDEX "dispositions_to_unit_id_answered_at_idx" ON "dispositions"("to_unit_id", "answered_at");
CREATE INDEX "dispositions_deadline_at_idx" ON "dispositions"("deadline_at");

-- One public reply per item: the unique key is the "never twice" at the database.
CREATE TABLE "interaction_replies" (
  "id" UUID NOT NULL,
  "interaction_id" UUID NOT NULL,
  "author_id" UUID NOT NULL,
  "text" TEXT NOT NULL,
  "state" "ReplyState" NOT NULL DEFAULT 'QUEUED',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT,
  "last_error_kind" VARCHAR(20),
  "external_id" VARCHAR(200),
  "platform_state" JSONB,
  "approved_by_id" UUID,
  "approved_at" TIMESTAMPTZ(3),
  "sent_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "interaction_replies_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "interaction_replies_interaction_id_key" ON "interaction_replies"("interaction_id");
CREATE INDEX "interaction_replies_state_idx" ON "interaction_replies"("state");

ALTER TABLE "interactions" ADD CONSTRAINT "interactions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "post_targets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_from_unit_id_fkey" FOREIGN KEY ("from_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_to_unit_id_fkey" FOREIGN KEY ("to_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_escalated_to_unit_id_fkey" FOREIGN KEY ("escalated_to_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "interaction_replies" ADD CONSTRAINT "interaction_replies_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interaction_replies" ADD CONSTRAINT "interaction_replies_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "interaction_replies" ADD CONSTRAINT "interaction_replies_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "interaction_replies", "dispositions", "interactions";
DROP TYPE "ReplyState", "InteractionState", "InteractionCategory", "InteractionKind";
-- PostgreSQL cannot drop one value of an enum: RESPONDER stays in "Role" (no row may hold it after a rollback).

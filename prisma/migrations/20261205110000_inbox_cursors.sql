-- migrate:up
-- Polled ingestion of Interaksi Warga (issue 16, docs/decisions/0011-interaksi-warga.md "Polled ingestion"):
-- where a platform does not push, the worker reads each account's new comments and mentions and keeps here how
-- far it got: X's newest mention id (since_id), or the newest comment time seen on YouTube, Facebook and
-- Instagram. One row per account, made on its first poll.
CREATE TABLE "inbox_cursors" (
  "account_id" UUID NOT NULL,
  "cursor" VARCHAR(200),
  "polled_at" TIMESTAMPTZ(3),
  "attempted_at" TIMESTAMPTZ(3) NOT NULL,
  "last_error" VARCHAR(500),
  CONSTRAINT "inbox_cursors_pkey" PRIMARY KEY ("account_id")
);
ALTER TABLE "inbox_cursors" ADD CONSTRAINT "inbox_cursors_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "inbox_cursors";

-- migrate:up
-- Engagement readings, their daily roll-ups and the activity index weights (issue 5).
-- Days are local calendar days of the account's unit, as days since 1970-01-01.

CREATE TABLE "metric_snapshots" (
  "id" BIGSERIAL NOT NULL,
  "target_id" UUID NOT NULL,
  "taken_at" TIMESTAMPTZ(3) NOT NULL,
  "views" INTEGER,
  "likes" INTEGER,
  "comments" INTEGER,
  "shares" INTEGER,
  "saves" INTEGER,
  "clicks" INTEGER,
  "raw" JSONB,
  CONSTRAINT "metric_snapshots_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "metric_snapshots_target_id_taken_at_idx" ON "metric_snapshots"("target_id", "taken_at");

CREATE TABLE "target_metrics" (
  "target_id" UUID NOT NULL,
  "account_id" UUID NOT NULL,
  "day" INTEGER NOT NULL,
  "outcome" "TargetStatus" NOT NULL,
  "on_time" BOOLEAN NOT NULL DEFAULT false,
  "published_at" TIMESTAMPTZ(3),
  "views" INTEGER,
  "likes" INTEGER,
  "comments" INTEGER,
  "shares" INTEGER,
  "saves" INTEGER,
  "clicks" INTEGER,
  "interactions" INTEGER NOT NULL DEFAULT 0,
  "readings" INTEGER NOT NULL DEFAULT 0,
  "missing" INTEGER NOT NULL DEFAULT 0,
  "last_read_at" TIMESTAMPTZ(3),
  "next_poll_at" TIMESTAMPTZ(3),
  "last_error" VARCHAR(300),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "target_metrics_pkey" PRIMARY KEY ("target_id")
);
CREATE INDEX "target_metrics_next_poll_at_idx" ON "target_metrics"("next_poll_at");
-- Covers the leaderboard's medians: an index-only scan of each account's posts in a period.
CREATE INDEX "target_metrics_account_id_day_outcome_interactions_idx" ON "target_metrics"("account_id", "day", "outcome", "interactions");

CREATE TABLE "follower_snapshots" (
  "account_id" UUID NOT NULL,
  "day" INTEGER NOT NULL,
  "followers" INTEGER NOT NULL,
  "taken_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "follower_snapshots_pkey" PRIMARY KEY ("account_id", "day")
);

CREATE TABLE "account_daily_stats" (
  "account_id" UUID NOT NULL,
  "day" INTEGER NOT NULL,
  "posts_published" INTEGER NOT NULL DEFAULT 0,
  "posts_on_time" INTEGER NOT NULL DEFAULT 0,
  "posts_failed" INTEGER NOT NULL DEFAULT 0,
  "views" BIGINT NOT NULL DEFAULT 0,
  "interactions" BIGINT NOT NULL DEFAULT 0,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "account_daily_stats_pkey" PRIMARY KEY ("account_id", "day")
);
-- Covers a board's sums: each account's days are read from the index alone (index-only scan), wherever
-- the rows lie in the heap (they arrive day by day, all accounts mixed).
CREATE INDEX "account_daily_stats_board_idx" ON "account_daily_stats"("account_id", "day", "posts_published", "posts_on_time", "posts_failed", "interactions", "views");

CREATE TABLE "score_weights" (
  "id" BIGSERIAL NOT NULL,
  "activity" INTEGER NOT NULL,
  "consistency" INTEGER NOT NULL,
  "engagement" INTEGER NOT NULL,
  "engagement_rate" INTEGER NOT NULL,
  "reliability" INTEGER NOT NULL,
  "created_by_id" UUID NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "score_weights_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "post_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "target_metrics" ADD CONSTRAINT "target_metrics_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "post_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "follower_snapshots" ADD CONSTRAINT "follower_snapshots_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "account_daily_stats" ADD CONSTRAINT "account_daily_stats_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "score_weights" ADD CONSTRAINT "score_weights_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- migrate:down
DROP TABLE "score_weights", "account_daily_stats", "follower_snapshots", "target_metrics", "metric_snapshots";

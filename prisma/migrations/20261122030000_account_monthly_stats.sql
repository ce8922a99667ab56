-- migrate:up
-- Monthly roll-ups of account_daily_stats for long leaderboard periods (docs/decisions/0004-activity-index.md).
-- A month is the account's local calendar month, keyed by its first day (days since 1970-01-01). It is kept
-- in the same transaction as the day it sums, and also holds every published post's latest interactions,
-- sorted, so an exact median over a year reads ~12 short arrays per account instead of every post.

CREATE TABLE "account_monthly_stats" (
  "account_id" UUID NOT NULL,
  "month" INTEGER NOT NULL,
  "posts_published" INTEGER NOT NULL DEFAULT 0,
  "posts_on_time" INTEGER NOT NULL DEFAULT 0,
  "posts_failed" INTEGER NOT NULL DEFAULT 0,
  "views" BIGINT NOT NULL DEFAULT 0,
  "interactions" BIGINT NOT NULL DEFAULT 0,
  "active_days" INTEGER NOT NULL DEFAULT 0,
  "published_interactions" INTEGER[] NOT NULL DEFAULT '{}',
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "account_monthly_stats_pkey" PRIMARY KEY ("account_id", "month")
);

-- Exact medians over many months: the months' sorted lists are concatenated (int4_concat) and sorted in C
-- (intarray's sort_asc, a contrib extension that is trusted since PostgreSQL 13), instead of feeding every
-- value through the executor into an ordered-set aggregate. intarray also defines &&, @>, <@ for int[];
-- nothing in Siar compares integer arrays with them.
CREATE EXTENSION IF NOT EXISTS intarray;
CREATE AGGREGATE int4_concat(INTEGER[]) (SFUNC = array_cat, STYPE = INTEGER[]);

ALTER TABLE "account_monthly_stats" ADD CONSTRAINT "account_monthly_stats_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing roll-ups summed into months (what rebuildRollups does; the sorted interactions from target_metrics).
INSERT INTO "account_monthly_stats" ("account_id", "month", "posts_published", "posts_on_time", "posts_failed", "views", "interactions", "active_days", "published_interactions")
SELECT s."account_id", s."month", s.pub, s.on_time, s.failed, s.views, s.interactions, s.active_days, coalesce(p.sorted, '{}')
FROM (
  SELECT d."account_id", (date_trunc('month', date '1970-01-01' + d."day")::date - date '1970-01-01') AS month,
    sum(d."posts_published") AS pub, sum(d."posts_on_time") AS on_time, sum(d."posts_failed") AS failed,
    sum(d."views") AS views, sum(d."interactions") AS interactions, count(*) FILTER (WHERE d."posts_published" > 0) AS active_days
  FROM "account_daily_stats" d GROUP BY 1, 2
) s LEFT JOIN (
  SELECT m."account_id", (date_trunc('month', date '1970-01-01' + m."day")::date - date '1970-01-01') AS month,
    array_agg(m."interactions" ORDER BY m."interactions") AS sorted
  FROM "target_metrics" m WHERE m."outcome" = 'PUBLISHED' GROUP BY 1, 2
) p ON p."account_id" = s."account_id" AND p."month" = s."month";

-- migrate:down
DROP TABLE "account_monthly_stats";
DROP AGGREGATE int4_concat(INTEGER[]);
DROP EXTENSION IF EXISTS intarray;

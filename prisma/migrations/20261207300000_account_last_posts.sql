-- migrate:up
-- Each account's last day with a published post (issue 17, docs/decisions/0012-national-scale.md): the
-- dashboard's "dormant" figure (no published post in the 14 days ending at the period's end) read which of the
-- subtree's accounts had a day with posts in those 14 days from account_daily_stats, ~0.5 s nationally (5,000
-- accounts × 14 days). With the last day kept, an account is dormant when it has none or it lies before the
-- 14 days; only an account whose last day lies after the period's end (a period in the past) is looked up.
--
-- Kept by statement-level triggers on account_daily_stats, like unit_daily_stats: whatever writes the days
-- (outcomes as targets publish, a failure retried, rebuilds), the accounts whose set of days with a published
-- post changed get their last day recomputed from account_daily_stats in the same transaction (one backward
-- index probe each). Readings only change interactions and views, so they touch nothing here.

CREATE TABLE "account_last_posts" (
  "account_id" UUID NOT NULL,
  "day" INTEGER NOT NULL,
  CONSTRAINT "account_last_posts_pkey" PRIMARY KEY ("account_id")
);
ALTER TABLE "account_last_posts" ADD CONSTRAINT "account_last_posts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The last day of the given accounts recomputed from account_daily_stats. The roll-up writers' advisory lock
-- (apply-to-day.ts) is taken first and each statement of a plpgsql function reads a fresh snapshot, so two
-- transactions that change one account's days one after the other each see the other's committed days.
CREATE FUNCTION siar_last_post_recompute(accounts UUID[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(91744118461007);
  WITH m AS MATERIALIZED (
    SELECT x.id AS account_id,
      (SELECT max(d.day) FROM account_daily_stats d WHERE d.account_id = x.id AND d.posts_published > 0) AS day
    FROM (SELECT DISTINCT unnest(accounts) AS id) x
  ), gone AS (
    DELETE FROM account_last_posts l USING m WHERE l.account_id = m.account_id AND m.day IS NULL
  )
  INSERT INTO account_last_posts AS l (account_id, day)
  SELECT m.account_id, m.day FROM m WHERE m.day IS NOT NULL ORDER BY m.account_id
  ON CONFLICT (account_id) DO UPDATE SET day = excluded.day WHERE l.day IS DISTINCT FROM excluded.day;
END $$;

-- Which accounts' set of days with a published post changed in a statement on account_daily_stats. A full
-- rebuild (rebuildRollups, siar.rollup_rebuild) rebuilds the table itself in one pass.
CREATE FUNCTION siar_last_post_days() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  accounts UUID[];
BEGIN
  IF current_setting('siar.rollup_rebuild', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.account_id) INTO accounts FROM new_rows n WHERE n.posts_published > 0;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.account_id) INTO accounts FROM old_rows o WHERE o.posts_published > 0;
  ELSE
    SELECT array_agg(coalesce(n.account_id, o.account_id)) INTO accounts
    FROM new_rows n FULL JOIN old_rows o ON o.account_id = n.account_id AND o.day = n.day
    WHERE (coalesce(n.posts_published, 0) > 0) <> (coalesce(o.posts_published, 0) > 0);
  END IF;
  IF accounts IS NOT NULL THEN PERFORM siar_last_post_recompute(accounts); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER account_daily_stats_last_post_ins AFTER INSERT ON account_daily_stats
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_last_post_days();
CREATE TRIGGER account_daily_stats_last_post_upd AFTER UPDATE ON account_daily_stats
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_last_post_days();
CREATE TRIGGER account_daily_stats_last_post_del AFTER DELETE ON account_daily_stats
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_last_post_days();

-- The days already there.
INSERT INTO "account_last_posts" ("account_id", "day")
SELECT "account_id", max("day") FROM "account_daily_stats" WHERE "posts_published" > 0 GROUP BY 1;

-- migrate:down
DROP TRIGGER account_daily_stats_last_post_ins ON account_daily_stats;
DROP TRIGGER account_daily_stats_last_post_upd ON account_daily_stats;
DROP TRIGGER account_daily_stats_last_post_del ON account_daily_stats;
DROP FUNCTION siar_last_post_days(), siar_last_post_recompute(UUID[]);
DROP TABLE "account_last_posts";

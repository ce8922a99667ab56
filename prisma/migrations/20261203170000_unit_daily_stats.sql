-- migrate:up
-- Subtree roll-ups for the dashboard (issue 17, docs/decisions/0012-national-scale.md): per unit, local day
-- and platform, the sums of account_daily_stats over every account of the unit's subtree (the unit and all
-- units below it). The national dashboard then reads ~days × platforms rows instead of days × 5,000 accounts.
-- Kept by statement-level triggers, so every writer of account_daily_stats (readings, outcomes, rebuilds)
-- and every move of an account or a unit updates it in the same transaction, set-based, whatever code path
-- made the change. Disabled accounts stay in the sums; the dashboard subtracts their (few) daily rows.

CREATE TABLE "unit_daily_stats" (
  "unit_id" UUID NOT NULL,
  "day" INTEGER NOT NULL,
  "platform" "Platform" NOT NULL,
  "posts_published" INTEGER NOT NULL DEFAULT 0,
  "posts_on_time" INTEGER NOT NULL DEFAULT 0,
  "posts_failed" INTEGER NOT NULL DEFAULT 0,
  "views" BIGINT NOT NULL DEFAULT 0,
  "interactions" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "unit_daily_stats_pkey" PRIMARY KEY ("unit_id", "day", "platform")
);
ALTER TABLE "unit_daily_stats" ADD CONSTRAINT "unit_daily_stats_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The units of a path /a/b/c/: a, b and c.
CREATE FUNCTION siar_path_units(p TEXT) RETURNS UUID[] LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(array_agg(x::uuid), '{}') FROM unnest(string_to_array(trim(both '/' from p), '/')) x WHERE x <> ''
$$;

-- Adds signed daily rows (account, day, sign, sums) to every unit above each account. Rows are applied in
-- (unit, day, platform) order, and the roll-up writers' advisory lock (apply-to-day.ts) is taken first, so
-- two writers cannot wait on each other's rows in opposite orders.
CREATE FUNCTION siar_unit_rollup_apply(changes JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(91744118461007);
  INSERT INTO unit_daily_stats AS s (unit_id, day, platform, posts_published, posts_on_time, posts_failed, views, interactions)
  SELECT anc, c.day, a.platform, sum(c.sign * c.pub), sum(c.sign * c.on_time), sum(c.sign * c.failed),
         sum(c.sign * c.views), sum(c.sign * c.interactions)
  FROM jsonb_to_recordset(changes) AS c(account_id UUID, path TEXT, day INT, sign INT, pub INT, on_time INT, failed INT, views BIGINT, interactions BIGINT)
  JOIN social_accounts a ON a.id = c.account_id
  CROSS JOIN LATERAL unnest(siar_path_units(coalesce(c.path, (SELECT u.path FROM units u WHERE u.id = a.unit_id)))) anc
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, day, platform) DO UPDATE SET
    posts_published = s.posts_published + excluded.posts_published,
    posts_on_time = s.posts_on_time + excluded.posts_on_time,
    posts_failed = s.posts_failed + excluded.posts_failed,
    views = s.views + excluded.views,
    interactions = s.interactions + excluded.interactions;
END $$;

-- Days written: new rows added, old rows taken away. A full rebuild (rebuildRollups) sets siar.rollup_rebuild
-- and rebuilds unit_daily_stats itself in one pass.
CREATE FUNCTION siar_unit_rollup_days() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  IF current_setting('siar.rollup_rebuild', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('account_id', n.account_id, 'day', n.day, 'sign', 1, 'pub', n.posts_published,
      'on_time', n.posts_on_time, 'failed', n.posts_failed, 'views', n.views, 'interactions', n.interactions)) INTO changes FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('account_id', o.account_id, 'day', o.day, 'sign', -1, 'pub', o.posts_published,
      'on_time', o.posts_on_time, 'failed', o.posts_failed, 'views', o.views, 'interactions', o.interactions)) INTO changes FROM old_rows o;
  ELSE
    SELECT jsonb_agg(x) INTO changes FROM (
      SELECT jsonb_build_object('account_id', n.account_id, 'day', n.day, 'sign', 1, 'pub', n.posts_published,
        'on_time', n.posts_on_time, 'failed', n.posts_failed, 'views', n.views, 'interactions', n.interactions) AS x FROM new_rows n
      UNION ALL
      SELECT jsonb_build_object('account_id', o.account_id, 'day', o.day, 'sign', -1, 'pub', o.posts_published,
        'on_time', o.posts_on_time, 'failed', o.posts_failed, 'views', o.views, 'interactions', o.interactions) FROM old_rows o
    ) y;
  END IF;
  IF changes IS NOT NULL THEN PERFORM siar_unit_rollup_apply(changes); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER account_daily_stats_to_units_ins AFTER INSERT ON account_daily_stats
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_unit_rollup_days();
CREATE TRIGGER account_daily_stats_to_units_upd AFTER UPDATE ON account_daily_stats
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_unit_rollup_days();
CREATE TRIGGER account_daily_stats_to_units_del AFTER DELETE ON account_daily_stats
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_unit_rollup_days();

-- An account moved to another unit: its days leave the old unit's chain and join the new one's.
CREATE FUNCTION siar_unit_rollup_account_moved() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  SELECT jsonb_agg(x) INTO changes FROM (
    SELECT jsonb_build_object('account_id', d.account_id, 'path', m.path, 'day', d.day, 'sign', m.sign, 'pub', d.posts_published,
      'on_time', d.posts_on_time, 'failed', d.posts_failed, 'views', d.views, 'interactions', d.interactions) AS x
    FROM (
      SELECT n.id, ou.path, -1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN units ou ON ou.id = o.unit_id WHERE o.unit_id <> n.unit_id
      UNION ALL
      SELECT n.id, nu.path, 1 FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN units nu ON nu.id = n.unit_id WHERE o.unit_id <> n.unit_id
    ) m JOIN account_daily_stats d ON d.account_id = m.id
  ) y;
  IF changes IS NOT NULL THEN PERFORM siar_unit_rollup_apply(changes); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER social_accounts_to_units_upd AFTER UPDATE ON social_accounts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_unit_rollup_account_moved();

-- A unit moved (its path and every descendant's path rewritten): each moved unit's own accounts leave the
-- old chain and join the new one.
CREATE FUNCTION siar_unit_rollup_unit_moved() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  SELECT jsonb_agg(x) INTO changes FROM (
    SELECT jsonb_build_object('account_id', d.account_id, 'path', m.path, 'day', d.day, 'sign', m.sign, 'pub', d.posts_published,
      'on_time', d.posts_on_time, 'failed', d.posts_failed, 'views', d.views, 'interactions', d.interactions) AS x
    FROM (
      SELECT o.id, o.path, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.path <> n.path
      UNION ALL
      SELECT n.id, n.path, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.path <> n.path
    ) m JOIN social_accounts a ON a.unit_id = m.id JOIN account_daily_stats d ON d.account_id = a.id
  ) y;
  IF changes IS NOT NULL THEN PERFORM siar_unit_rollup_apply(changes); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER units_to_units_upd AFTER UPDATE ON units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siar_unit_rollup_unit_moved();

-- Existing days summed into every unit above their account.
INSERT INTO "unit_daily_stats" ("unit_id", "day", "platform", "posts_published", "posts_on_time", "posts_failed", "views", "interactions")
SELECT anc, d."day", a."platform", sum(d."posts_published"), sum(d."posts_on_time"), sum(d."posts_failed"), sum(d."views"), sum(d."interactions")
FROM "account_daily_stats" d
JOIN "social_accounts" a ON a."id" = d."account_id"
JOIN "units" u ON u."id" = a."unit_id"
CROSS JOIN LATERAL unnest(siar_path_units(u."path")) anc
GROUP BY 1, 2, 3;

-- migrate:down
DROP TRIGGER units_to_units_upd ON units;
DROP TRIGGER social_accounts_to_units_upd ON social_accounts;
DROP TRIGGER account_daily_stats_to_units_ins ON account_daily_stats;
DROP TRIGGER account_daily_stats_to_units_upd ON account_daily_stats;
DROP TRIGGER account_daily_stats_to_units_del ON account_daily_stats;
DROP FUNCTION siar_unit_rollup_unit_moved(), siar_unit_rollup_account_moved(), siar_unit_rollup_days(), siar_unit_rollup_apply(JSONB), siar_path_units(TEXT);
DROP TABLE "unit_daily_stats";

import { hashSync } from "@node-rs/argon2";
import type { Tx } from "@/server/db";
import { rebuildRollups } from "@/server/engagement/rollup-backfill";
import { DEMO_PASSWORD } from "../tests/factories/users";

// The national data set (issue 17, decision 0012): Mabes → 34 Polda → ~450 Polres → ~1,500 Polsek, 5,000
// accounts over the six platforms, users per unit, and a year of posts, targets, readings and followers.
// Everything is generated inside PostgreSQL (INSERT … SELECT over generate_series), not row by row from
// Node: ~1.2 million targets and several million readings would take hours through the ORM.
// Deterministic in shape (which unit has which accounts and users); posting days and numbers are random.

export const NATIONAL_ROOT_ID = "00000000-0000-4000-8000-0000000a0000";
const AUTHOR_ID = "00000000-0000-4000-8000-0000000a0001";
/** The published post of 500 targets that `npm run bench:web` opens. */
export const NATIONAL_POST_500 = "00000000-0000-4000-8000-0000000a0500";

export type NationalOptions = {
  /** Accounts to create (5,000 by default); units are always the whole tree. */
  accounts?: number;
  /** Days of history ending today (365 by default). */
  days?: number;
  polda?: number;
  polres?: number;
  polsek?: number;
  /** Log each step's time. */
  log?: (line: string) => void;
};

export type NationalResult = {
  units: number;
  accounts: number;
  users: number;
  posts: number;
  targets: number;
  snapshots: number;
  steps: [string, number][];
};

/**
 * Readings kept per published post: the collector takes 36 (decision 0004), the data set keeps six of them
 * (15 min, 1 h, 8 h, 1 day, 7 days, 30 days). The roll-ups hold the latest reading only, so the boards'
 * cost does not depend on how many readings there are; the six keep the raw table realistic for the post
 * page and for the roll-up rebuild.
 */
const CHECKPOINTS_SEC = [900, 3600, 28_800, 86_400, 604_800, 2_592_000];

/** Builds the national data set into an empty database (the caller checks it is empty). */
export async function seedNational(tx: Tx, options: NationalOptions = {}): Promise<NationalResult> {
  const accounts = options.accounts ?? 5000;
  const days = options.days ?? 365;
  const polda = options.polda ?? 34;
  const polres = options.polres ?? 450;
  const polsek = options.polsek ?? 1500;
  const log = options.log ?? (() => {});
  const steps: [string, number][] = [];
  const step = async (label: string, body: () => Promise<unknown>) => {
    const t0 = performance.now();
    await body();
    const took = performance.now() - t0;
    steps.push([label, took]);
    log(`  ${label.padEnd(44)} ${(took / 1000).toFixed(1).padStart(7)} s`);
  };
  const run = (sql: string) => tx.$executeRawUnsafe(sql);
  // Big sorts and hash joins in memory; the database is being built, nobody else reads it yet.
  await run(`set local work_mem = '256MB'`);
  await run(`set local maintenance_work_mem = '512MB'`);
  const superuser = await tx.$queryRaw<
    { s: boolean }[]
  >`select rolsuper as s from pg_roles where rolname = current_user`;
  // Foreign keys are right by construction; as a superuser the load skips their row-by-row checks.
  if (superuser[0]?.s) await run(`set local session_replication_role = replica`);

  await step("units", async () => {
    await tx.$executeRaw`
      insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
      values (${NATIONAL_ROOT_ID}::uuid, 'Mabes Polri', 'MABES', 'Mabes', 'Asia/Jakarta', null, ${`/${NATIONAL_ROOT_ID}/`}, 0)`;
    // Zones: most Polda in WIB, some in WITA and WIT, as across Indonesia; children keep their Polda's zone.
    await tx.$executeRaw`
      insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
      select id, 'Polda ' || lpad(n::text, 2, '0'), 'POLDA-' || lpad(n::text, 2, '0'), 'Polda',
        case when n % 6 = 0 then 'Asia/Jayapura' when n % 3 = 0 then 'Asia/Makassar' else 'Asia/Jakarta' end,
        ${NATIONAL_ROOT_ID}::uuid, ${`/${NATIONAL_ROOT_ID}/`} || id || '/', 1
      from (select n, gen_random_uuid() as id from generate_series(1, ${polda}::int) n) g`;
    await tx.$executeRaw`
      insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
      select g.id, 'Polres ' || lpad(g.n::text, 3, '0'), 'POLRES-' || lpad(g.n::text, 3, '0'), 'Polres', p.time_zone, p.id, p.path || g.id || '/', 2
      from (select n, gen_random_uuid() as id from generate_series(1, ${polres}::int) n) g
      join units p on p.code = 'POLDA-' || lpad((1 + (g.n - 1) % ${polda}::int)::text, 2, '0')`;
    await tx.$executeRaw`
      insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
      select g.id, 'Polsek ' || lpad(g.n::text, 4, '0'), 'POLSEK-' || lpad(g.n::text, 4, '0'), 'Polsek', p.time_zone, p.id, p.path || g.id || '/', 3
      from (select n, gen_random_uuid() as id from generate_series(1, ${polsek}::int) n) g
      join units p on p.code = 'POLRES-' || lpad((1 + (g.n - 1) % ${polres}::int)::text, 3, '0')`;
  });

  await step("accounts", async () => {
    // Every Polda and Polres runs X, Facebook, Instagram and TikTok, a Polda also YouTube (a few LINE),
    // Mabes all six; Polsek take what is left: Instagram first, then Facebook, then TikTok, then X.
    await tx.$executeRaw`
      insert into social_accounts (id, unit_id, platform, handle, display_name, platform_account_id, status, verified,
                                   follower_count, verification, verification_at)
      select gen_random_uuid(), c.unit_id, c.platform::"Platform", lower(c.code) || '.' || lower(c.platform), 'Humas ' || c.name,
        lower(c.platform) || '-' || lower(c.code), 'ACTIVE', c.depth < 2,
        (case c.depth when 0 then 2000000 when 1 then 150000 when 2 then 20000 else 2000 end) * (50 + abs(hashtext(c.code || c.platform)) % 100) / 100,
        'VERIFIED', now() - interval '400 days'
      from (
        select u.id as unit_id, u.code, u.name, u.depth, p.platform,
          row_number() over (order by case when u.depth < 3 then 0 else p.rank end, u.depth, u.code, p.rank) as seq
        from units u
        cross join lateral (
          select x.platform, x.rank from unnest(
            case
              when u.depth = 0 then array['X','FACEBOOK_PAGE','INSTAGRAM','LINE_OA','YOUTUBE','TIKTOK']
              when u.depth = 1 and u.code like '%0' then array['X','FACEBOOK_PAGE','INSTAGRAM','YOUTUBE','TIKTOK','LINE_OA']
              when u.depth = 1 then array['X','FACEBOOK_PAGE','INSTAGRAM','YOUTUBE','TIKTOK']
              when u.depth = 2 then array['X','FACEBOOK_PAGE','INSTAGRAM','TIKTOK']
              else array['INSTAGRAM','FACEBOOK_PAGE','TIKTOK','X']
            end) with ordinality x(platform, rank)
        ) p
      ) c
      where c.seq <= ${accounts}::int`;
  });

  await step("users and memberships", async () => {
    const hash = hashSync(DEMO_PASSWORD);
    // The demo's named leaders at the top; per unit an operator (ADMIN), per Polda and Polres a supervisor,
    // per Polda its Kapolda (LEADERSHIP). Everyone has the demo password.
    await tx.$executeRaw`
      insert into users (id, email, name, password_hash, root_unit_id)
      values (${AUTHOR_ID}::uuid, 'admin.mabes@siar.test', 'Operator Divisi Humas', ${hash}, ${NATIONAL_ROOT_ID}::uuid)`;
    await tx.$executeRaw`
      insert into users (id, email, name, password_hash, root_unit_id)
      select gen_random_uuid(), e.email, e.name, ${hash}, ${NATIONAL_ROOT_ID}::uuid
      from (values ('superadmin@siar.test', 'Admin Sistem'), ('kadiv.humas@siar.test', 'Kadiv Humas Polri'),
                   ('supervisor.mabes@siar.test', 'Kabag Humas Mabes')) e(email, name)`;
    await tx.$executeRaw`
      insert into users (id, email, name, password_hash, root_unit_id)
      select gen_random_uuid(), r.role_name || '.' || lower(u.code) || '@siar.test', initcap(r.role_name) || ' ' || u.name, ${hash}, ${NATIONAL_ROOT_ID}::uuid
      from units u cross join (values ('admin', 3), ('supervisor', 2), ('pimpinan', 1)) r(role_name, below)
      where u.depth between 1 and 3 and u.depth <= r.below`;
    await run(`
      insert into memberships (id, user_id, unit_id, role)
      select gen_random_uuid(), us.id, u.id,
        (case split_part(us.email, '.', 1) when 'admin' then 'ADMIN' when 'supervisor' then 'SUPERVISOR' when 'pimpinan' then 'LEADERSHIP' end)::"Role"
      from users us join units u on split_part(split_part(us.email, '@', 1), '.', 2) = lower(u.code)
      where us.email not in ('superadmin@siar.test', 'kadiv.humas@siar.test')`);
    await run(`
      insert into memberships (id, user_id, unit_id, role)
      select gen_random_uuid(), us.id, u.id, r::"Role"
      from users us join units u on u.code = 'MABES'
      join (values ('superadmin@siar.test', 'SUPERADMIN'), ('kadiv.humas@siar.test', 'LEADERSHIP')) e(email, r) on e.email = us.email`);
  });

  await step("posts", async () => {
    // Each unit posts on its own share of days (Polda most, Polsek least), sometimes twice, to all its
    // accounts; every Monday Mabes broadcasts one post to every account of the country.
    await tx.$executeRaw`
      insert into posts (id, author_id, unit_id, base_text, title, approved_version, created_at, updated_at)
      select gen_random_uuid(), op.id, u.id, 'Kegiatan ' || u.name || ' hari ke-' || d, 'Kegiatan ' || u.name, 1, t.at, t.at
      from units u
      join users op on op.email = 'admin.' || lower(u.code) || '@siar.test'
      cross join generate_series(1, ${days}::int) d
      cross join generate_series(0, 1) k
      cross join lateral (select date_trunc('day', now()) - make_interval(days => d) + make_interval(hours => 7 + k * 6, mins => abs(hashtext(u.code)) % 60) as at) t
      where exists (select 1 from social_accounts a where a.unit_id = u.id) and u.depth > 0
        and random() < case u.depth when 1 then (case when k = 0 then 0.9 else 0.4 end)
                                     when 2 then (case when k = 0 then 0.45 + (abs(hashtext(u.code)) % 45) / 100.0 else 0.1 end)
                                     else (case when k = 0 then 0.1 + (abs(hashtext(u.code)) % 30) / 100.0 else 0.02 end) end`;
    await tx.$executeRaw`
      insert into posts (id, author_id, unit_id, base_text, title, approved_version, created_at, updated_at)
      select gen_random_uuid(), ${AUTHOR_ID}::uuid, ${NATIONAL_ROOT_ID}::uuid, 'Siaran nasional minggu ke-' || w, 'Siaran nasional', 1, t.at, t.at
      from generate_series(0, ${Math.floor(days / 7)}::int - 1) w
      cross join lateral (select date_trunc('week', now()) - make_interval(weeks => w) + interval '8 hours' as at) t
      where t.at < now() - interval '1 hour'`;
  });

  await step("targets", async () => {
    // 3 % fail; 90 % are published within two minutes of the schedule, the rest within half an hour.
    await run(`
      insert into post_targets (id, post_id, account_id, scheduled_at, status, attempts, platform_post_id, published_at, created_at, updated_at)
      select gen_random_uuid(), x.post_id, x.account_id, x.created_at, case when f then 'FAILED' else 'PUBLISHED' end::"TargetStatus", 1,
        case when f then null else md5(x.post_id::text || x.account_id::text) end,
        case when f then null else x.created_at + make_interval(secs => case when random() < 0.9 then random() * 120 else random() * 1800 end) end,
        x.created_at, x.created_at
      from (
        select p.id, p.created_at, a.id as account_id from posts p join social_accounts a on a.unit_id = p.unit_id
        where p.unit_id <> '${NATIONAL_ROOT_ID}'
        union all
        select p.id, p.created_at, a.id from posts p cross join social_accounts a where p.unit_id = '${NATIONAL_ROOT_ID}'
      ) x(post_id, created_at, account_id)
      cross join lateral (select random() < 0.03 as f) r`);
  });

  await step("the coming weeks (scheduled, awaiting approval)", async () => {
    // The calendar's coming two weeks: half the Polres and every Polda have posts scheduled, some await approval.
    await run(`
      insert into posts (id, author_id, unit_id, base_text, title, approved_version, created_at, updated_at)
      select gen_random_uuid(), op.id, u.id, 'Rencana ' || u.name || ' hari ke-' || d, 'Rencana ' || u.name,
        case when d % 5 = 0 then null else 1 end, now(), now()
      from units u join users op on op.email = 'admin.' || lower(u.code) || '@siar.test'
      cross join generate_series(1, 14) d
      where u.depth between 1 and 2 and (u.depth = 1 or abs(hashtext(u.code || d)) % 2 = 0)
        and exists (select 1 from social_accounts a where a.unit_id = u.id)`);
    await run(`
      insert into post_targets (id, post_id, account_id, scheduled_at, status, created_at, updated_at)
      select gen_random_uuid(), p.id, a.id,
        date_trunc('day', now()) + make_interval(days => (substring(p.base_text from 'hari ke-([0-9]+)'))::int, hours => 9),
        case when p.approved_version is null then 'PENDING_APPROVAL' else 'SCHEDULED' end::"TargetStatus", now(), now()
      from posts p join social_accounts a on a.unit_id = p.unit_id
      where p.base_text like 'Rencana %'`);
    // A national broadcast of 500 accounts published yesterday: the post page the load test opens.
    await run(`
      insert into posts (id, author_id, unit_id, base_text, title, approved_version, created_at, updated_at)
      values ('${NATIONAL_POST_500}', '${AUTHOR_ID}', '${NATIONAL_ROOT_ID}',
              'Siaran 500 akun: imbauan keselamatan berlalu lintas', 'Siaran 500 akun', 1, now() - interval '1 day', now() - interval '1 day')`);
    await run(`
      insert into post_targets (id, post_id, account_id, scheduled_at, status, attempts, platform_post_id, published_at, created_at, updated_at)
      select gen_random_uuid(), '${NATIONAL_POST_500}', a.id, now() - interval '1 day', 'PUBLISHED', 1,
        md5(a.id::text), now() - interval '1 day' + make_interval(secs => random() * 90), now() - interval '1 day', now()
      from (select id from social_accounts order by handle limit 500) a`);
  });

  await step("approval audit entries", async () => {
    await run(`
      insert into audit_logs (actor_id, action, entity_type, entity_id, unit_id, unit_path, after, created_at)
      select sv.id, 'post.approved', 'Post', p.id::text, p.unit_id, u.path,
        jsonb_build_object('version', 1, 'targets', n.targets, 'comment', null), p.created_at - interval '1 hour'
      from posts p join units u on u.id = p.unit_id
      join (select post_id, count(*)::int as targets from post_targets group by post_id) n on n.post_id = p.id
      join users sv on sv.email = case when u.depth in (1, 2) then 'supervisor.' || lower(u.code) || '@siar.test'
                                       when u.depth = 0 then 'supervisor.mabes@siar.test'
                                       else 'supervisor.' || lower((select pu.code from units pu where pu.id = u.parent_id)) || '@siar.test' end
      where p.approved_version is not null`);
  });

  await step("readings (metric snapshots)", async () => {
    // Engagement grows towards a per-post total; Instagram's first reading is missing ("not enough viewers").
    await run(`drop index metric_snapshots_target_id_taken_at_idx`);
    await run(`
      insert into metric_snapshots (target_id, taken_at, views, likes, comments, shares, saves, clicks)
      select t.id, t.published_at + make_interval(secs => cp),
        case when miss then null else (f * 20 * g)::int end, case when miss then null else (f * 0.7 * g)::int end,
        case when miss then null else (f * 0.1 * g)::int end, case when miss then null else (f * 0.15 * g)::int end,
        case when miss or a.platform <> 'INSTAGRAM' then null else (f * 0.05 * g)::int end, null
      from post_targets t join social_accounts a on a.id = t.account_id
      cross join lateral (select (abs(hashtext(t.id::text)) % 400 + 5)::float8 * (case when a.follower_count > 100000 then 8 else 1 end) as f) base
      cross join unnest('{${CHECKPOINTS_SEC.join(",")}}'::int[]) with ordinality as c(cp, i)
      cross join lateral (select 1 - exp(-cp / 21600.0) as g, a.platform = 'INSTAGRAM' and i = 1 as miss) shape
      where t.status = 'PUBLISHED' and t.published_at + make_interval(secs => cp) <= now()`);
    await run(`create index metric_snapshots_target_id_taken_at_idx on metric_snapshots (target_id, taken_at)`);
  });

  await step("followers (one reading a month)", async () => {
    await tx.$executeRaw`
      insert into follower_snapshots (account_id, day, followers, taken_at)
      select a.id, (date_trunc('month', now()) - make_interval(months => m))::date - date '1970-01-01',
        greatest(10, a.follower_count - a.follower_count * m / 40), date_trunc('month', now()) - make_interval(months => m)
      from social_accounts a cross join generate_series(0, ${Math.ceil(days / 30)}::int) m`;
  });

  if (superuser[0]?.s) await run(`set local session_replication_role = origin`);
  await step("roll-ups rebuilt from the raw readings", () => rebuildRollups(tx));

  const c = (
    await tx.$queryRaw<
      { units: number; accounts: number; users: number; posts: number; targets: number; snaps: number }[]
    >`
      select (select count(*) from units)::int as units, (select count(*) from social_accounts)::int as accounts,
        (select count(*) from users)::int as users, (select count(*) from posts)::int as posts,
        (select count(*) from post_targets)::int as targets, (select count(*) from metric_snapshots)::int as snaps`
  )[0]!;
  return { ...c, snapshots: c.snaps, steps };
}

/** What the seed and the benches print after building it. */
export function describeNational(r: NationalResult, ms: number): string {
  const n = (x: number) => x.toLocaleString("en");
  return `National data set: ${n(r.units)} units, ${n(r.accounts)} accounts, ${n(r.users)} users, ${n(r.posts)} posts, ${n(r.targets)} targets, ${n(r.snapshots)} readings in ${(ms / 1000).toFixed(1)} s`;
}

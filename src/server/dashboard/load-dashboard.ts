import "server-only";
import type { Platform } from "@/generated/prisma/enums";
import { actorCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { trendSeries, type SeriesPoint } from "@/server/dashboard/series";
import { notFound } from "@/server/errors";
import { buildBoard, type BoardRow } from "@/server/leaderboard/build-board";
import { periodOf } from "@/server/leaderboard/load-board";
import { scopeRoots, type GroupUnit } from "@/server/leaderboard/peer-groups";
import { DORMANT_DAYS, type Period } from "@/server/leaderboard/period";
import { getWeights } from "@/server/leaderboard/weights";
import type { BoardQuery } from "@/schemas/leaderboard";

export type Totals = { published: number; onTime: number; failed: number; interactions: number; views: number };
export type PlatformLine = Totals & { platform: Platform; accounts: number; dormant: number };
/** Citizens' items decided in a period (Responsivitas's roll-up), those replied in time, replies and their seconds. */
export type Responses = { due: number; onTime: number; replied: number; replySeconds: number };
export type Dashboard = {
  unit: GroupUnit;
  choices: (GroupUnit & { depth: number })[];
  period: Period;
  cur: Totals;
  prev: Totals;
  accounts: number;
  dormant: number;
  /** The trend: per day, or per week for a period over WEEKLY_AFTER_DAYS days (each week the sum of its days). */
  series: SeriesPoint[];
  seriesPer: "day" | "week";
  platforms: PlatformLine[];
  responses: { cur: Responses; prev: Responses };
  /** The units directly below the chosen one (or, for a unit with none, its own peers), ranked. */
  group: { parent: GroupUnit; rows: BoardRow[] } | null;
};

type DayRow = {
  day: number;
  platform: Platform;
  pub: number;
  on_time: number;
  failed: number;
  interactions: number;
  views: number;
};
type AccRow = { platform: Platform; accounts: number; dormant: number };
const zero = (): Totals => ({ published: 0, onTime: 0, failed: 0, interactions: 0, views: 0 });
const add = (t: Totals, r: DayRow) => {
  t.published += r.pub;
  t.onTime += r.on_time;
  t.failed += r.failed;
  t.interactions += r.interactions;
  t.views += r.views;
};

/** The leadership dashboard for one subtree and period, from the subtree and daily roll-ups only. */
export async function loadDashboard(actor: Actor, q: BoardQuery, now = new Date()): Promise<Dashboard> {
  const roots = await scopeRoots(actor);
  const unit = q.parent
    ? await db.unit.findUnique({
        where: { id: q.parent },
        select: { id: true, name: true, path: true, parentId: true },
      })
    : roots[0];
  if (!unit || !actorCan(actor, "leaderboard.read", unit)) throw notFound();
  const period = periodOf(q, now);
  const subtree = `${unit.path}%`;
  const dormantFrom = period.to - DORMANT_DAYS + 1;
  const [days, accs, children, weights, responses] = await Promise.all([
    // Subtree roll-ups (unit_daily_stats, decision 0012): ~days × platforms rows for the whole subtree,
    // whatever the number of accounts in it; the few disabled accounts' own days are taken back out.
    db.$queryRaw<DayRow[]>`
      select x.day, x.platform, sum(x.pub)::int as pub, sum(x.on_time)::int as on_time, sum(x.failed)::int as failed,
             sum(x.interactions)::float8 as interactions, sum(x.views)::float8 as views
      from (
        select s.day, s.platform, s.posts_published as pub, s.posts_on_time as on_time, s.posts_failed as failed, s.interactions, s.views
        from unit_daily_stats s where s.unit_id = ${unit.id}::uuid and s.day between ${period.prevFrom} and ${period.to}
        union all
        select d.day, a.platform, -d.posts_published, -d.posts_on_time, -d.posts_failed, -d.interactions, -d.views
        from social_accounts a join units u on u.id = a.unit_id join account_daily_stats d on d.account_id = a.id
        where a.status = 'DISABLED' and u.path like ${subtree} and d.day between ${period.prevFrom} and ${period.to}
      ) x
      group by x.day, x.platform
      having sum(x.pub) <> 0 or sum(x.on_time) <> 0 or sum(x.failed) <> 0 or sum(x.interactions) <> 0 or sum(x.views) <> 0`,
    // Dormant: no published post in the DORMANT_DAYS ending at the period's end. Each account's last day with
    // one is kept (account_last_posts, decision 0012); only an account whose last day lies after the period's
    // end (a period in the past) has its days looked up.
    db.$queryRaw<AccRow[]>`
      select a.platform, count(*)::int as accounts,
        (count(*) filter (where l.day is null or l.day < ${dormantFrom} or (l.day > ${period.to} and not exists (
          select 1 from account_daily_stats d
          where d.account_id = a.id and d.day between ${dormantFrom} and ${period.to} and d.posts_published > 0))))::int as dormant
      from social_accounts a join units u on u.id = a.unit_id
      left join account_last_posts l on l.account_id = a.id
      where u.path like ${subtree} and a.status <> 'DISABLED'
      group by a.platform order by a.platform`,
    db.unit.count({ where: { parentId: unit.id } }),
    getWeights(unit),
    // Responsivitas's daily roll-up (decision 0004) of the subtree's accounts: rows only for days with items.
    db.$queryRaw<({ cur: boolean } & Responses)[]>`
      select r.day >= ${period.from} as cur, sum(r.due)::int as due, sum(r.on_time)::int as "onTime",
        sum(r.replied)::int as replied, sum(r.reply_seconds)::float8 as "replySeconds"
      from social_accounts a join units u on u.id = a.unit_id join account_daily_responses r on r.account_id = a.id
      where u.path like ${subtree} and a.status <> 'DISABLED' and r.day between ${period.prevFrom} and ${period.to}
      group by 1`,
  ]);
  const noResponses: Responses = { due: 0, onTime: 0, replied: 0, replySeconds: 0 };
  const pick = (cur: boolean): Responses => {
    const r = responses.find((x) => x.cur === cur);
    return r ? { due: r.due, onTime: r.onTime, replied: r.replied, replySeconds: r.replySeconds } : noResponses;
  };
  const cur = zero();
  const prev = zero();
  const byDay = new Map<number, { published: number; failed: number; interactions: number }>();
  const byPlatform = new Map<Platform, Totals>();
  for (const r of days) {
    if (r.day < period.from) {
      add(prev, r);
      continue;
    }
    add(cur, r);
    const d = byDay.get(r.day) ?? { published: 0, failed: 0, interactions: 0 };
    d.published += r.pub;
    d.failed += r.failed;
    d.interactions += r.interactions;
    byDay.set(r.day, d);
    const p = byPlatform.get(r.platform) ?? zero();
    add(p, r);
    byPlatform.set(r.platform, p);
  }
  const trend = trendSeries(period.from, period.to, byDay);

  const groupParent =
    children > 0
      ? unit
      : unit.parentId
        ? await db.unit.findUnique({
            where: { id: unit.parentId },
            select: { id: true, name: true, path: true, parentId: true },
          })
        : null;
  const group = groupParent
    ? {
        parent: groupParent,
        rows: await buildBoard(
          db,
          { peers: { kind: "children", parentId: groupParent.id }, level: "unit", period },
          weights.weights,
        ),
      }
    : null;
  const choices = (
    await db.unit.findMany({
      where: { OR: [{ id: { in: roots.map((r) => r.id) } }, { parentId: { in: roots.map((r) => r.id) } }] },
      select: { id: true, name: true, path: true, parentId: true, depth: true },
      orderBy: [{ depth: "asc" }, { name: "asc" }],
    })
  ).map((u) => ({ ...u, depth: u.depth - Math.min(...roots.map((r) => r.path.split("/").length - 3)) }));
  return {
    unit,
    choices,
    period,
    cur,
    prev,
    series: trend.points,
    seriesPer: trend.per,
    group,
    responses: { cur: pick(true), prev: pick(false) },
    accounts: accs.reduce((s, a) => s + a.accounts, 0),
    dormant: accs.reduce((s, a) => s + a.dormant, 0),
    platforms: accs.map((a) => ({
      ...(byPlatform.get(a.platform) ?? zero()),
      platform: a.platform,
      accounts: a.accounts,
      dormant: a.dormant,
    })),
  };
}

import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Platform, TargetStatus } from "@/generated/prisma/enums";
import { MOVABLE_STATUSES } from "@/lib/post-lifecycle";
import { fromZonedInput } from "@/lib/time";
import { postListFilterSchema } from "@/schemas/posts";
import { unitScope, type Actor } from "@/server/auth/actor";
import { scopeFor } from "@/server/auth/policy";
import { db } from "@/server/db";
import { coversEveryTree } from "@/server/units/covers-every-tree";

export const PAGE_SIZE = 50;
/**
 * The list counts at most this many rows: counting every target of the national subtree (millions after a
 * year) on each visit would make the list's cost grow with the organisation (decision 0012). Beyond it the
 * list says "more than 1,000" and pages as far as the count goes (20 pages); older targets are reached by
 * the day filter. Counting to 10,000 was the national list's largest cost (0.5–1.5 s of 1–2 s).
 */
export const COUNT_CAP = 1_000;

const targetSelect = {
  id: true,
  status: true,
  scheduledAt: true,
  publishedAt: true,
  platformUrl: true,
  lastError: true,
  post: {
    select: {
      id: true,
      baseText: true,
      title: true,
      author: { select: { name: true } },
      unit: { select: { path: true } },
    },
  },
  account: { select: { platform: true, handle: true, unit: { select: { id: true, name: true, timeZone: true } } } },
} satisfies Prisma.PostTargetSelect;

function where(
  actor: Actor,
  filter: ReturnType<typeof postListFilterSchema.parse>,
  range?: { from: Date; to: Date },
): Prisma.PostTargetWhereInput {
  const scope = unitScope(actor, "post.read");
  const account: Prisma.SocialAccountWhereInput = {
    ...(filter.unitId ? { unit: { path: { contains: `/${filter.unitId}/` } } } : {}),
    ...(filter.platform ? { platform: filter.platform } : {}),
  };
  return {
    post: { unit: scope },
    account,
    ...(filter.status ? { status: filter.status } : {}),
    ...(range
      ? {
          OR: [
            { scheduledAt: { gte: range.from, lt: range.to } },
            { scheduledAt: null, publishedAt: { gte: range.from, lt: range.to } },
          ],
        }
      : {}),
  };
}

/** The list view: newest first, filtered by unit subtree, platform and status, in pages. */
export async function listTargets(actor: Actor, rawFilter: unknown, zone = "Asia/Jakarta") {
  const filter = postListFilterSchema.parse(rawFilter);
  const w = where(actor, filter, dayRange(filter, zone));
  // Newest first, ties by id, exactly the order of the (scheduled_at, id) index read backwards. The count
  // walks the same index: without an order Prisma counts in id order, which joins targets at random (4 s
  // instead of 0.1 s nationally).
  const orderBy = [
    { scheduledAt: { sort: "desc", nulls: "first" } },
    { id: "desc" },
  ] satisfies Prisma.PostTargetOrderByWithRelationInput[];
  const [rows, counted] = await Promise.all([
    db.postTarget.findMany({
      where: w,
      select: targetSelect,
      orderBy,
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.postTarget.count({ where: w, orderBy, take: COUNT_CAP + 1 }),
  ]);
  const capped = Math.min(counted, COUNT_CAP);
  return {
    rows,
    total: capped,
    more: counted > COUNT_CAP,
    page: filter.page,
    pages: Math.max(1, Math.ceil(capped / PAGE_SIZE)),
    filter,
  };
}

/** The list's optional days (`from`, `to`, inclusive, on the reader's clock) as instants. */
function dayRange(filter: { from?: string; to?: string }, zone: string) {
  if (!filter.from && !filter.to) return undefined;
  const from = filter.from ? fromZonedInput(`${filter.from}T00:00`, zone) : null;
  const last = filter.to ? fromZonedInput(`${filter.to}T00:00`, zone) : null;
  return {
    from: from ?? new Date("1970-01-01T00:00:00Z"),
    to: last ? new Date(last.getTime() + 86_400_000) : new Date("9999-12-31T00:00:00Z"),
  };
}

/** Chips per day the calendar receives; the rest of a day is counted and offered as a link to the list. */
export const CALENDAR_PER_DAY = { week: 40, month: 12 } as const;
/** A chip of more targets than this is moved from its post's page, not dragged (rescheduleTargetSchema). */
const MOVABLE_MAX = 2_000;

export type CalendarGroup = {
  postId: string;
  text: string;
  unitPath: string;
  at: Date;
  zone: string;
  day: string;
  platforms: Platform[];
  statuses: TargetStatus[];
  count: number;
  /** The group's target ids, or null when it cannot be moved from the calendar (too large, or not all movable). */
  targetIds: string[] | null;
  dayTotal: number;
};

/**
 * The calendar: the targets whose time falls in [from, to), grouped in PostgreSQL into one chip per post,
 * minute and accounts' zone, and at most `perDay` chips per day on the reader's clock (`home`), with each
 * day's number of chips. A national month holds ~100,000 targets; the page gets a bounded answer from one
 * statement whatever the size of the subtree (decision 0012). The statement starts from the period's targets
 * (the (scheduled_at, id) index) and looks each of their posts up by key, once per post (a national week:
 * 2,700 posts for 15,000 targets): left to itself the planner misjudges the subtree's share of posts and
 * hashes all 300,000 posts twice (1.8 s against 0.4 s nationally). `OFFSET 0` keeps the lookups from being
 * flattened back into that join.
 */
export async function listCalendarGroups(
  actor: Actor,
  rawFilter: unknown,
  range: { from: Date; to: Date },
  home: string,
  perDay: number,
  /** checkScope: look every post up even for a reader of every tree (the tests compare both ways). */
  options: { checkScope?: boolean } = {},
): Promise<CalendarGroup[]> {
  const filter = postListFilterSchema.parse(rawFilter);
  const roots = scopeFor(actor.memberships, "post.read").map((p) => `${p}%`);
  if (roots.length === 0) return [];
  // A reader whose scope holds every tree (the Kadiv Humas, the national operator) may read every post: the
  // period's posts are not looked up for the scope check (a national week's 2,700 lookups, a month's 9,000).
  const everything = !options.checkScope && (await coversEveryTree(scopeFor(actor.memberships, "post.read")));
  const scoped = everything
    ? { cte: Prisma.empty, join: Prisma.empty }
    : {
        cte: Prisma.sql`, ps AS MATERIALIZED (
      SELECT p.id
      FROM (SELECT DISTINCT post_id FROM t) d
      CROSS JOIN LATERAL (SELECT p.id, p.unit_id FROM posts p WHERE p.id = d.post_id OFFSET 0) p
      JOIN units pu ON pu.id = p.unit_id
      WHERE pu.path LIKE ANY (${roots}::text[])
    )`,
        join: Prisma.sql`JOIN ps ON ps.id = t.post_id`,
      };
  const unit = filter.unitId ? Prisma.sql`AND au.path LIKE ${`%/${filter.unitId}/%`}` : Prisma.empty;
  const platform = filter.platform ? Prisma.sql`AND a.platform = ${filter.platform}::"Platform"` : Prisma.empty;
  const status = filter.status ? Prisma.sql`AND t.status = ${filter.status}::"TargetStatus"` : Prisma.empty;
  // Only a chip that could be moved carries its target ids (the move sends them): most of a national
  // period is published, and its ids were most of the page (decision 0012, fifth pass).
  const movable: string[] = [...MOVABLE_STATUSES];
  const rows = await db.$queryRaw<
    {
      post_id: string;
      title: string | null;
      text: string;
      unit_path: string;
      at: Date;
      zone: string;
      day: string;
      platforms: Platform[];
      statuses: TargetStatus[];
      n: number;
      ids: string[] | null;
      day_total: number;
    }[]
  >`
    WITH t AS MATERIALIZED (
      SELECT t.id, t.post_id, t.status, t.account_id,
             date_trunc('minute', COALESCE(t.scheduled_at, t.published_at)) AS at
      FROM post_targets t
      WHERE ((t.scheduled_at >= ${range.from} AND t.scheduled_at < ${range.to})
          OR (t.scheduled_at IS NULL AND t.published_at >= ${range.from} AND t.published_at < ${range.to})) ${status}
    )${scoped.cte}, s AS (
      SELECT t.id, t.post_id, t.status, t.at, a.platform, au.time_zone AS zone
      FROM t
      ${scoped.join}
      JOIN social_accounts a ON a.id = t.account_id
      JOIN units au ON au.id = a.unit_id
      WHERE TRUE ${unit} ${platform}
    ), g AS (
      SELECT post_id, at, zone, to_char(at AT TIME ZONE ${home}, 'YYYY-MM-DD') AS day,
             array_agg(DISTINCT platform::text) AS platforms, array_agg(DISTINCT status::text) AS statuses,
             count(*)::int AS n,
             CASE WHEN count(*) <= ${MOVABLE_MAX} AND bool_and(status::text = ANY(${movable}::text[]))
                  THEN array_agg(id::text) END AS ids
      FROM s GROUP BY post_id, at, zone
    ), r AS (
      SELECT g.*, row_number() OVER (PARTITION BY day ORDER BY at, post_id) AS rn,
             count(*) OVER (PARTITION BY day)::int AS day_total
      FROM g
    )
    SELECT r.post_id::text AS post_id, p.title, left(p.base_text, 200) AS text, pu.path AS unit_path, r.at, r.zone,
           r.day, r.platforms, r.statuses, r.n, r.ids, r.day_total
    FROM r
    CROSS JOIN LATERAL (SELECT p.title, p.base_text, p.unit_id FROM posts p WHERE p.id = r.post_id OFFSET 0) p
    JOIN units pu ON pu.id = p.unit_id
    WHERE r.rn <= ${perDay}
    ORDER BY r.at, r.post_id`;
  return rows.map((r) => ({
    postId: r.post_id,
    text: r.title || r.text,
    unitPath: r.unit_path,
    at: r.at,
    zone: r.zone,
    day: r.day,
    platforms: r.platforms,
    statuses: r.statuses,
    count: r.n,
    targetIds: r.ids,
    dayTotal: r.day_total,
  }));
}

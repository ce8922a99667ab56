import "server-only";
import type { Prisma, Platform, TargetStatus } from "@/generated/prisma/client";
import { actorCan, assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { toMediaView } from "@/server/media/save-upload";

/** Targets shown per page of the post page: a national broadcast has thousands (decision 0012). */
export const POST_TARGET_PAGE_SIZE = 50;
/** History lines shown on the post page, newest bursts last. */
const HISTORY_LINES = 200;

export type TargetTally = { status: TargetStatus; platform: Platform; count: number }[];
export type HistoryLine = { key: string; action: string; actor: string | null; at: Date; count: number };

/**
 * Everything the post page shows but its targets, in a bounded number of statements whatever the number of
 * targets: the targets are counted per status and platform here and read a page at a time by
 * `listPostTargets`. Account credentials are never selected.
 */
export async function getPost(actor: Actor, postId: string) {
  const post = await db.post.findUnique({
    where: { id: postId },
    include: {
      author: { select: { id: true, name: true } },
      unit: { select: { id: true, name: true, path: true, timeZone: true } },
      media: { orderBy: { position: "asc" }, include: { variants: true } },
      decisions: { orderBy: { createdAt: "asc" }, include: { decider: { select: { name: true } } } },
      revisions: { orderBy: { version: "asc" }, select: { editorId: true } },
    },
  });
  if (!post) throw notFound();
  assertCan(actor, "post.read", post.unit);
  const [tally, history] = await Promise.all([tallyTargets(post.id), loadHistory(post.id)]);
  return {
    ...post,
    media: post.media.map(toMediaView),
    tally,
    history,
    // Approved at this version, its targets still being moved to SCHEDULED by the worker (a broadcast's
    // fan-out, decision 0012): shown as approved, with no decision to take.
    fanningOut: post.approvedVersion === post.version && tally.some((x) => x.status === "PENDING_APPROVAL"),
    can: {
      edit: actorCan(actor, "post.compose", post.unit),
      // Four eyes (decision 0009): whoever wrote any version of the post does not approve it.
      approve:
        actorCan(actor, "post.approve", post.unit) &&
        post.authorId !== actor.id &&
        !post.revisions.some((r) => r.editorId === actor.id),
      cancel: actorCan(actor, "post.cancel", post.unit),
    },
  };
}

/** How many targets the post has per status and platform: one grouped statement. */
async function tallyTargets(postId: string): Promise<TargetTally> {
  const rows = await db.$queryRaw<{ status: TargetStatus; platform: Platform; count: number }[]>`
    SELECT t.status::text AS status, a.platform::text AS platform, count(*)::int AS count
    FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
    WHERE t.post_id = ${postId}::uuid
    GROUP BY 1, 2`;
  return rows;
}

/**
 * The post's history, one line per burst: consecutive entries of the same action by the same person less
 * than a minute apart are one line ("Sistem: Tujuan tayang (5.000 tujuan)"). Grouped in PostgreSQL so a
 * broadcast's thousands of target entries cost one statement and a bounded answer.
 */
async function loadHistory(postId: string): Promise<HistoryLine[]> {
  const rows = await db.$queryRaw<{ id: bigint; action: string; actor: string | null; at: Date; count: number }[]>`
    WITH entries AS (
      SELECT l.id, l.action, l.actor_id, l.created_at
      FROM audit_logs l
      WHERE (l.entity_type = 'Post' AND l.entity_id = ${postId})
         OR (l.entity_type = 'PostTarget'
             AND l.entity_id IN (SELECT t.id::text FROM post_targets t WHERE t.post_id = ${postId}::uuid))
    ), marked AS (
      SELECT *, CASE
          WHEN lag(action) OVER w = action
           AND lag(actor_id) OVER w IS NOT DISTINCT FROM actor_id
           AND created_at - lag(created_at) OVER w < interval '60 seconds' THEN 0
          ELSE 1 END AS starts
      FROM entries WINDOW w AS (ORDER BY created_at, id)
    ), bursts AS (
      SELECT *, sum(starts) OVER (ORDER BY created_at, id) AS burst FROM marked
    )
    SELECT min(b.id) AS id, b.action, u.name AS actor, min(b.created_at) AS at, count(*)::int AS count
    FROM bursts b LEFT JOIN users u ON u.id = b.actor_id
    GROUP BY b.burst, b.action, u.name
    ORDER BY min(b.created_at) DESC, min(b.id) DESC
    LIMIT ${HISTORY_LINES}`;
  return rows
    .reverse()
    .map((r) => ({ key: r.id.toString(), action: r.action, actor: r.actor, at: r.at, count: r.count }));
}

export const postTargetSelect = {
  id: true,
  status: true,
  scheduledAt: true,
  publishedAt: true,
  attempts: true,
  lastError: true,
  lastErrorKind: true,
  platformPostId: true,
  platformUrl: true,
  textOverride: true,
  updatedAt: true,
  metrics: {
    select: {
      views: true,
      likes: true,
      comments: true,
      shares: true,
      saves: true,
      clicks: true,
      interactions: true,
      readings: true,
      lastReadAt: true,
    },
  },
  account: {
    select: {
      id: true,
      platform: true,
      handle: true,
      displayName: true,
      status: true,
      unit: { select: { id: true, name: true, path: true, timeZone: true } },
    },
  },
} satisfies Prisma.PostTargetSelect;

const targetOrder = [
  { account: { platform: "asc" } },
  { account: { handle: "asc" } },
  { id: "asc" },
] satisfies Prisma.PostTargetOrderByWithRelationInput[];

/**
 * One page of a post's targets, optionally of one status. The caller has read the post with `getPost`
 * (which checked the reader's right to it).
 */
export async function listPostTargets(postId: string, filter: { page: number; status?: TargetStatus }) {
  return db.postTarget.findMany({
    where: { postId, ...(filter.status ? { status: filter.status } : {}) },
    select: postTargetSelect,
    orderBy: targetOrder,
    skip: (filter.page - 1) * POST_TARGET_PAGE_SIZE,
    take: POST_TARGET_PAGE_SIZE,
  });
}

/** The published target whose metric history the post page charts: the one asked for, else the first. */
export async function chartedTarget(postId: string, wanted: string | undefined) {
  const where = { postId, status: "PUBLISHED" } satisfies Prisma.PostTargetWhereInput;
  const asked = wanted
    ? await db.postTarget.findFirst({ where: { ...where, id: wanted }, select: postTargetSelect })
    : null;
  return asked ?? db.postTarget.findFirst({ where, select: postTargetSelect, orderBy: targetOrder });
}

/** What the composer needs to edit the post: every live target. The caller has checked the right to edit. */
export async function loadEditableTargets(postId: string) {
  return db.postTarget.findMany({
    where: { postId, status: { not: "CANCELLED" } },
    select: { accountId: true, textOverride: true, scheduledAt: true },
    orderBy: targetOrder,
  });
}

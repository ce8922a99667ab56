import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { postListFilterSchema } from "@/schemas/posts";
import { unitScope, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";

export const PAGE_SIZE = 50;
/**
 * The list counts at most this many rows: counting every target of the national subtree (millions after a
 * year) on each visit would make the list's cost grow with the organisation (decision 0012). Beyond it the
 * list says "more than 10,000" and pages as far as the count goes.
 */
export const COUNT_CAP = 10_000;

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
export async function listTargets(actor: Actor, rawFilter: unknown) {
  const filter = postListFilterSchema.parse(rawFilter);
  const w = where(actor, filter);
  const [rows, counted] = await Promise.all([
    db.postTarget.findMany({
      where: w,
      select: targetSelect,
      orderBy: [{ scheduledAt: { sort: "desc", nulls: "first" } }, { id: "asc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.postTarget.count({ where: w, take: COUNT_CAP + 1 }),
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

/** The calendar: every target whose time falls in [from, to), same filters. */
export async function listTargetsBetween(actor: Actor, rawFilter: unknown, from: Date, to: Date) {
  const filter = postListFilterSchema.parse(rawFilter);
  return db.postTarget.findMany({
    where: where(actor, filter, { from, to }),
    select: targetSelect,
    orderBy: { scheduledAt: "asc" },
    take: 2_000,
  });
}

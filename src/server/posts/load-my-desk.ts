import "server-only";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { ATTENTION_STATUSES } from "@/lib/post-lifecycle";

const WEEK_MS = 7 * 86_400_000;

/** The home page's to-do list: what was sent back, what failed lately, and what goes out next. */
export async function loadMyDesk(actor: Actor) {
  const compose = unitScope(actor, "post.compose");
  const read = unitScope(actor, "post.read");
  const now = Date.now();
  const [sentBack, failures, upcoming] = await Promise.all([
    db.post.findMany({
      where: { authorId: actor.id, targets: { some: { status: "CHANGES_REQUESTED" } } },
      select: {
        id: true,
        baseText: true,
        title: true,
        decisions: {
          where: { outcome: "REJECTED" },
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { comment: true, decider: { select: { name: true } } },
        },
      },
      orderBy: { updatedAt: "desc" },
      take: 10,
    }),
    db.postTarget.findMany({
      where: {
        status: { in: [...ATTENTION_STATUSES] },
        scheduledAt: { gte: new Date(now - WEEK_MS) },
        post: { unit: compose },
      },
      select: {
        id: true,
        status: true,
        lastError: true,
        post: { select: { id: true, baseText: true } },
        account: { select: { platform: true, handle: true } },
      },
      orderBy: { updatedAt: "desc" },
      take: 10,
    }),
    db.postTarget.findMany({
      where: {
        status: "SCHEDULED",
        scheduledAt: { gte: new Date(now), lt: new Date(now + 86_400_000) },
        post: { unit: read },
      },
      select: {
        id: true,
        scheduledAt: true,
        post: { select: { id: true, baseText: true, title: true } },
        account: { select: { platform: true, handle: true, unit: { select: { timeZone: true } } } },
      },
      orderBy: { scheduledAt: "asc" },
      take: 10,
    }),
  ]);
  return { sentBack, failures, upcoming };
}

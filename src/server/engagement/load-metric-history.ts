import "server-only";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

import type { MetricHistory } from "@/schemas/engagement";

export type { MetricHistory };

/**
 * Every reading of one published target, oldest first, for the metric history chart on the post page
 * (issue 4) and the account page. Anyone who may read the post may see its numbers.
 */
export async function loadMetricHistory(actor: Actor, targetId: string): Promise<MetricHistory> {
  const target = await db.postTarget.findUnique({
    where: { id: targetId },
    select: {
      id: true,
      publishedAt: true,
      account: { select: { platform: true } },
      post: { select: { unit: { select: { path: true } } } },
    },
  });
  if (!target) throw notFound();
  assertCan(actor, "post.read", target.post.unit);
  const snaps = await db.metricSnapshot.findMany({ where: { targetId }, orderBy: { takenAt: "asc" } });
  return {
    targetId,
    platform: target.account.platform,
    publishedAt: target.publishedAt?.toISOString() ?? null,
    points: snaps.map((s) => ({
      at: s.takenAt.toISOString(),
      views: s.views,
      likes: s.likes,
      comments: s.comments,
      shares: s.shares,
      saves: s.saves,
      clicks: s.clicks,
      missing: [s.views, s.likes, s.comments, s.shares, s.saves, s.clicks].every((v) => v === null),
    })),
  };
}

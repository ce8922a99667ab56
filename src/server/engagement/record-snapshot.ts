import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TargetStatus } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { applyToDay } from "@/server/engagement/apply-to-day";
import { nextPollTime } from "@/server/engagement/next-poll-time";
import { interactionsOf, isMissing, type Reading } from "@/server/engagement/reading";
import { notFound } from "@/server/errors";

export type SnapshotInput = {
  targetId: string;
  takenAt: Date;
  /** null: the platform answered but had no numbers for this post (recorded as missing). */
  reading: Reading | null;
  raw?: Prisma.InputJsonValue;
};

type Latest = {
  account_id: string;
  day: number;
  outcome: TargetStatus;
  published_at: Date | null;
  views: number | null;
  interactions: number;
};

/**
 * Stores one reading and, in the same transaction, moves the post's latest numbers and adds the difference
 * to its day's roll-up, so the leaderboard never has to look at snapshots. A missing reading is kept as
 * a snapshot of nulls and changes no number: "no number yet" is not zero engagement.
 */
export async function recordSnapshot(
  tx: Tx,
  input: SnapshotInput,
): Promise<{ missing: boolean; interactions: number }> {
  const [prev] = await tx.$queryRaw<Latest[]>`
    select account_id, day, outcome, published_at, views, interactions from target_metrics
    where target_id = ${input.targetId}::uuid for update`;
  if (!prev) throw notFound();
  const missing = input.reading === null || isMissing(input.reading);
  const r = input.reading;
  await tx.metricSnapshot.create({
    data: {
      targetId: input.targetId,
      takenAt: input.takenAt,
      raw: input.raw,
      views: r?.views ?? null,
      likes: r?.likes ?? null,
      comments: r?.comments ?? null,
      shares: r?.shares ?? null,
      saves: r?.saves ?? null,
      clicks: r?.clicks ?? null,
    },
  });
  const next = prev.published_at ? nextPollTime(prev.published_at, input.takenAt) : null;
  if (missing || !r) {
    await tx.targetMetrics.update({
      where: { targetId: input.targetId },
      data: {
        readings: { increment: 1 },
        missing: { increment: 1 },
        lastReadAt: input.takenAt,
        nextPollAt: next,
        lastError: null,
      },
    });
    return { missing: true, interactions: prev.interactions };
  }
  const interactions = interactionsOf(r);
  await tx.targetMetrics.update({
    where: { targetId: input.targetId },
    data: {
      ...r,
      interactions,
      readings: { increment: 1 },
      lastReadAt: input.takenAt,
      nextPollAt: next,
      lastError: null,
    },
  });
  if (prev.outcome === "PUBLISHED") {
    await applyToDay(tx, prev.account_id, prev.day, {
      published: 0,
      onTime: 0,
      failed: 0,
      views: (r.views ?? 0) - (prev.views ?? 0),
      interactions: interactions - prev.interactions,
      ...(interactions !== prev.interactions ? { remove: prev.interactions, add: interactions } : {}),
    });
  }
  return { missing: false, interactions };
}

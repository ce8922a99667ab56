import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import { open } from "@/server/crypto/secret-box";
import { db as defaultDb, type Db } from "@/server/db";
import { cleanReading, metricFields, type MetricField } from "@/server/engagement/reading";
import { lockRollups } from "@/server/engagement/apply-to-day";
import { recordSnapshot } from "@/server/engagement/record-snapshot";
import { snapshotFollowers } from "@/server/engagement/record-followers";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { selectDueTargets, type DueBatch } from "@/server/engagement/select-due-targets";
import { logger } from "@/server/logger";

// The shapes match the platform adapters' fetchMetrics (src/platforms/types.ts), restated here so the
// collector can be tested with a fake and does not depend on how adapters are built.
export type MetricsReading = { platformPostId: string } & Partial<Record<MetricField, number | null>>;
export type MetricsFailure =
  | { kind: "rate_limited"; retryAt: Date; message: string }
  | { kind: "transient" | "auth" | "permanent"; message: string };
export type MetricsAnswer = { kind: "ok"; metrics: MetricsReading[] } | { kind: "failed"; error: MetricsFailure };
export type FetchMetrics = (req: {
  platform: Platform;
  account: { platformAccountId: string; handle: string };
  credentials: { accessToken: string; refreshToken: string | null };
  platformPostIds: string[];
}) => Promise<MetricsAnswer>;

export type CollectSummary = {
  outcomes: number;
  batches: number;
  readings: number;
  missing: number;
  failedBatches: number;
};

const MINUTE = 60_000;

/** When to ask again after a failed request; a failure is not a reading and does not advance the schedule. */
function retryAt(error: MetricsFailure, batch: DueBatch, now: Date): Date | null {
  switch (error.kind) {
    case "rate_limited":
      return error.retryAt;
    case "transient":
      return new Date(now.getTime() + 15 * MINUTE);
    // The token is refreshed or reconnected by the publishing side; try again later.
    case "auth":
      return new Date(now.getTime() + 6 * 60 * MINUTE);
    // One post the platform refuses to describe (deleted, not ours): stop asking about it.
    case "permanent":
      return batch.targets.length === 1 ? null : new Date(now.getTime() + 6 * 60 * MINUTE);
  }
}

async function collectBatch(db: Db, batch: DueBatch, fetchMetrics: FetchMetrics, now: Date, summary: CollectSummary) {
  const answer = await fetchMetrics({
    platform: batch.platform,
    account: batch.account,
    credentials: {
      accessToken: open(batch.sealed.accessToken),
      refreshToken: batch.sealed.refreshToken ? open(batch.sealed.refreshToken) : null,
    },
    platformPostIds: batch.targets.map((t) => t.platformPostId),
  });
  const ids = batch.targets.map((t) => t.targetId);
  if (answer.kind === "failed") {
    summary.failedBatches += 1;
    logger.warn(
      { platform: batch.platform, accountId: batch.accountId, kind: answer.error.kind },
      "metrics request failed",
    );
    await db.targetMetrics.updateMany({
      where: { targetId: { in: ids } },
      data: {
        nextPollAt: retryAt(answer.error, batch, now),
        lastError: `${answer.error.kind}: ${answer.error.message}`.slice(0, 300),
      },
    });
    return;
  }
  const byPostId = new Map(answer.metrics.map((m) => [m.platformPostId, m]));
  // A batch is up to 100 readings of a few statements each: on a busy database that outlasts Prisma's
  // 5-second default, and a batch that times out loses every reading in it. The counts are added only
  // once the batch is committed.
  const batchSummary = await db.$transaction(
    async (tx) => {
      await lockRollups(tx);
      let readings = 0;
      let missing = 0;
      for (const target of batch.targets) {
        const found = byPostId.get(target.platformPostId);
        // A post the platform answered for without numbers, or left out of its answer, is a missing reading.
        const reading = found ? cleanReading(found) : null;
        const raw = (
          found ? Object.fromEntries(metricFields.map((f) => [f, found[f] ?? null])) : { missing: true }
        ) as Prisma.InputJsonValue;
        const r = await recordSnapshot(tx, { targetId: target.targetId, takenAt: now, reading, raw });
        readings += 1;
        if (r.missing) missing += 1;
      }
      return { readings, missing };
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
  summary.readings += batchSummary.readings;
  summary.missing += batchSummary.missing;
}

/**
 * One collection run: counts new outcomes, records today's follower counts, then reads every due
 * target (up to `limit`) in batches. Runs as the repeatable "metrics.collect" job; tests call it directly.
 */
export async function collectDueMetrics(options: {
  fetchMetrics: FetchMetrics;
  now?: Date;
  limit?: number;
  db?: Db;
  /** Only these accounts (a test, or "refresh this account now"); all accounts when absent. */
  accountIds?: string[];
}): Promise<CollectSummary> {
  const now = options.now ?? new Date();
  const db = options.db ?? defaultDb;
  const summary: CollectSummary = { outcomes: 0, batches: 0, readings: 0, missing: 0, failedBatches: 0 };
  const accountIds = options.accountIds;
  summary.outcomes = await syncOutcomes(db, { now, accountIds });
  await snapshotFollowers(db, now);
  const batches = await selectDueTargets(db, { now, limit: options.limit ?? 1_000, accountIds });
  for (const batch of batches) {
    summary.batches += 1;
    try {
      await collectBatch(db, batch, options.fetchMetrics, now, summary);
    } catch (err) {
      // One account's trouble must not stop the others; its targets stay due and are tried next run.
      summary.failedBatches += 1;
      logger.error({ err, platform: batch.platform, accountId: batch.accountId }, "metrics batch failed");
    }
  }
  return summary;
}

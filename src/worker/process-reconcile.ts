import type { Redis } from "ioredis";
import { PUBLISHING_QUEUE, fanOutJobId, postIdJobId, publishJobId } from "@/jobs/contract";
import type { PublishingProducer } from "@/jobs/producer";
import { queuedRepliesWithoutRecentChange } from "@/server/interactions/send-reply";
import { logger } from "@/server/logger";
import { failLapsedWaits } from "@/server/publishing/await-reconnect";
import {
  awaitingPostIdTargets,
  postsAwaitingFanOut,
  resolveStuckTargets,
  scheduledTargetsPage,
} from "@/server/publishing/reconcile-targets";

// engine.reconcile, on a repeat schedule: the database says what should happen, Redis only holds the
// reminders. Every approved broadcast still waiting for its fan-out must have that job, every SCHEDULED target its job (Redis may have lost it: restart without
// persistence, FLUSHDB, failover), and no target may stay PUBLISHING after its worker died.

const PAGE = 1_000;

export async function processReconcile(deps: {
  redis: Redis;
  prefix: string;
  producer: PublishingProducer;
  stuckAfterMs: number;
}): Promise<{ restored: number; stuck: number }> {
  let restored = 0;
  // An approved broadcast whose fan-out job was lost gets it again (the same id while it still exists).
  const fanOuts = await postsAwaitingFanOut(1_000);
  if (fanOuts.length > 0) {
    const pipeline = deps.redis.pipeline();
    for (const p of fanOuts) pipeline.exists(`${deps.prefix}:${PUBLISHING_QUEUE}:${fanOutJobId(p.postId, p.version)}`);
    const exists = (await pipeline.exec()) ?? [];
    const lost = fanOuts.filter((_, i) => exists[i]?.[1] !== 1);
    for (const p of lost) await deps.producer.enqueueFanOut(p.postId, p.version);
    restored += lost.length;
  }
  for (let after: string | null = null; ;) {
    const page = await scheduledTargetsPage(after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? null;
    // A job's hash exists while it waits, is delayed or runs; finished jobs are removed on completion.
    const pipeline = deps.redis.pipeline();
    for (const t of page) pipeline.exists(`${deps.prefix}:${PUBLISHING_QUEUE}:${publishJobId(t.id)}`);
    const exists = (await pipeline.exec()) ?? [];
    const missing = page.filter((_, i) => exists[i]?.[1] !== 1);
    if (missing.length > 0) {
      await deps.producer.enqueuePublish(
        missing.map((t) => ({
          targetId: t.id,
          accountId: t.accountId,
          platform: t.platform,
          runAt: t.scheduledAt ?? new Date(),
        })),
      );
      restored += missing.length;
    }
    if (page.length < PAGE) break;
  }
  // Every target waiting for its post id has its look planned (Redis may have lost that job too).
  const awaiting = await awaitingPostIdTargets(5_000);
  if (awaiting.length > 0) {
    const pipeline = deps.redis.pipeline();
    for (const id of awaiting) pipeline.exists(`${deps.prefix}:${PUBLISHING_QUEUE}:${postIdJobId(id)}`);
    const exists = (await pipeline.exec()) ?? [];
    const missing = awaiting.filter((_, i) => exists[i]?.[1] !== 1);
    for (const id of missing) await deps.producer.enqueueFetchPostId({ targetId: id, check: 1 }, 0);
    restored += missing.length;
  }
  // Targets that waited for an account's reconnect past 24 h after their time fail with that reason.
  await failLapsedWaits(new Date());
  const stuck = await resolveStuckTargets(deps.stuckAfterMs);
  for (const id of stuck) await deps.producer.enqueueConfirm({ targetId: id, check: 1 }, 0);
  // A queued public reply whose job Redis lost (or whose enqueue failed after its commit) gets it back; a reply
  // that still has its job (waiting or delayed) keeps it, the job id being the reply's.
  const replies = await queuedRepliesWithoutRecentChange(deps.stuckAfterMs);
  for (const id of replies) await deps.producer.enqueueReply(id);
  if (restored > 0 || stuck.length > 0) logger.warn({ restored, stuck: stuck.length }, "Reconciler repaired the queue");
  return { restored, stuck: stuck.length };
}

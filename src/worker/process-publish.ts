import { DelayedError, type Job } from "bullmq";
import { publishTargetPayload } from "@/jobs/contract";
import type { Adapters } from "@/platforms/registry";
import type { PublishingProducer } from "@/jobs/producer";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { publishTarget } from "@/server/publishing/publish-target";
import type { RateLimiter } from "@/worker/rate-limiter";

// target.publish: wait for a free slot under the platform's limits, then publish through the use-case
// and move the job to wherever the outcome says (later for limits and backoff; a confirm check after
// an unanswered call). Moving a job to delayed is not a failed attempt in BullMQ's count.

export type PublishDeps = {
  adapters: Adapters;
  config: EngineConfig;
  limiter: RateLimiter;
  producer: PublishingProducer;
};

async function delay(job: Job, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(Math.max(at, Date.now() + 1), token);
  throw new DelayedError();
}

export async function processPublish(job: Job, token: string | undefined, deps: PublishDeps): Promise<void> {
  const data = publishTargetPayload.parse(job.data);
  const slot = await deps.limiter.reserve(data.platform, data.accountId, `${data.targetId}:${Date.now()}`);
  if (slot.waitMs > 0) return delay(job, token, Date.now() + slot.waitMs);
  let step;
  try {
    step = await publishTarget({ targetId: data.targetId, adapters: deps.adapters, config: deps.config });
  } catch (error) {
    await slot.release();
    throw error;
  }
  if (!step.calledPlatform) await slot.release();
  if (step.kind === "retry_at") return delay(job, token, step.at.getTime());
  if (step.kind === "confirm_in")
    await deps.producer.enqueueConfirm({ targetId: data.targetId, check: 1 }, step.delayMs);
  if (step.kind === "await_post_id")
    await deps.producer.enqueueFetchPostId({ targetId: data.targetId, check: 1 }, step.delayMs);
}

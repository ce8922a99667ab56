import { DelayedError, type Job } from "bullmq";
import { confirmReplyPayload, sendReplyPayload } from "@/jobs/contract";
import type { PublishingProducer } from "@/jobs/producer";
import type { ReplyAdapters } from "@/platforms/reply";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { replyWindows } from "@/platforms/limits";
import { checkReply, sendReply, type ReplySlot } from "@/server/interactions/send-reply";
import type { RateLimiter } from "@/worker/rate-limiter";

// reply.send and reply.confirm: the use-cases decide, these move the jobs (later for limits and backoff;
// a check after an unanswered send; a send again once the platform said the reply is not there).

export type ReplyDeps = {
  replyAdapters: ReplyAdapters;
  config: EngineConfig;
  producer: PublishingProducer;
  /** The publishing limiter and the reading one: a reply takes its platform's windows from one of them. */
  limiters: { publish: RateLimiter; read: RateLimiter };
};

/** The window a reply takes before its call (src/platforms/limits.ts replyWindows). */
function replySlot(limiters: ReplyDeps["limiters"]): ReplySlot {
  return async (platform, accountId, member) => {
    const which = replyWindows[platform];
    if (!which) return { waitMs: 0, release: async () => undefined };
    return limiters[which].reserve(platform, accountId, member);
  };
}

export async function processSendReply(job: Job, token: string | undefined, deps: ReplyDeps): Promise<void> {
  const data = sendReplyPayload.parse(job.data);
  const step = await sendReply({
    replyId: data.replyId,
    adapters: deps.replyAdapters,
    config: deps.config,
    slot: replySlot(deps.limiters),
  });
  if (step.kind === "retry_at") {
    await job.moveToDelayed(Math.max(step.at.getTime(), Date.now() + 1), token);
    throw new DelayedError();
  }
  if (step.kind === "confirm_in") await deps.producer.enqueueReplyCheck(data.replyId, 1, step.delayMs);
}

export async function processConfirmReply(job: Job, deps: ReplyDeps): Promise<void> {
  const data = confirmReplyPayload.parse(job.data);
  const step = await checkReply({
    replyId: data.replyId,
    check: data.check,
    adapters: deps.replyAdapters,
    config: deps.config,
  });
  if (step.kind === "check_again") await deps.producer.enqueueReplyCheck(data.replyId, data.check + 1, step.delayMs);
  // The send job of this reply finished before its check was queued, so the same job id is free again.
  if (step.kind === "send_now") await deps.producer.enqueueReply(data.replyId);
}

import { DelayedError, type Job } from "bullmq";
import { confirmReplyPayload, sendReplyPayload } from "@/jobs/contract";
import type { PublishingProducer } from "@/jobs/producer";
import type { ReplyAdapters } from "@/platforms/reply";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { checkReply, sendReply } from "@/server/interactions/send-reply";

// reply.send and reply.confirm: the use-cases decide, these move the jobs (later for limits and backoff;
// a check after an unanswered send; a send again once the platform said the reply is not there).

export type ReplyDeps = { replyAdapters: ReplyAdapters; config: EngineConfig; producer: PublishingProducer };

export async function processSendReply(job: Job, token: string | undefined, deps: ReplyDeps): Promise<void> {
  const data = sendReplyPayload.parse(job.data);
  const step = await sendReply({ replyId: data.replyId, adapters: deps.replyAdapters, config: deps.config });
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

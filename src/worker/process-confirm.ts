import type { Job } from "bullmq";
import { confirmTargetPayload } from "@/jobs/contract";
import { checkUnconfirmedTarget } from "@/server/publishing/check-unconfirmed-target";
import { publishJobsFor } from "@/server/publishing/engine-queue";
import type { PublishDeps } from "@/worker/process-publish";

// target.confirm: asks the platform about an UNCONFIRMED target and follows the answer.

export async function processConfirm(job: Job, deps: Omit<PublishDeps, "limiter">): Promise<void> {
  const data = confirmTargetPayload.parse(job.data);
  const step = await checkUnconfirmedTarget({
    targetId: data.targetId,
    check: data.check,
    adapters: deps.adapters,
    config: deps.config,
  });
  if (step.kind === "check_again")
    await deps.producer.enqueueConfirm({ targetId: data.targetId, check: data.check + 1 }, step.delayMs);
  if (step.kind === "await_post_id")
    await deps.producer.enqueueFetchPostId({ targetId: data.targetId, check: 1 }, step.delayMs);
  if (step.kind === "publish_now") {
    for (const j of await publishJobsFor([step.targetId])) await deps.producer.movePublish({ ...j, runAt: new Date() });
  }
}

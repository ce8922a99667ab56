import { DelayedError, type Job } from "bullmq";
import { fetchPostIdPayload } from "@/jobs/contract";
import { fetchPostId } from "@/server/publishing/fetch-post-id";
import type { PublishDeps } from "@/worker/process-publish";

// target.fetchPostId: asks whether a published target's post has its id yet (TikTok, after moderation),
// within the account's share of the status-poll limit (statusLimiter), and moves itself to the next look.

export async function processFetchPostId(
  job: Job,
  token: string | undefined,
  deps: Omit<PublishDeps, "limiter"> & { statusLimiter: PublishDeps["limiter"] },
): Promise<void> {
  const data = fetchPostIdPayload.parse(job.data);
  const step = await fetchPostId({
    targetId: data.targetId,
    check: data.check,
    adapters: deps.adapters,
    config: deps.config,
    reserve: async (platform, accountId) =>
      (await deps.statusLimiter.reserve(platform, accountId, `${data.targetId}:${Date.now()}`)).waitMs,
  });
  if (step.kind === "done") return;
  // The one job of this target moves on to its next look (or to this same look once the window has room):
  // moving a job is not a failed attempt, and the reconciler finds it by its id.
  if (step.kind === "check_again") await job.updateData({ ...data, check: data.check + 1 });
  const ms = step.kind === "check_again" ? step.delayMs : step.ms;
  await job.moveToDelayed(Date.now() + Math.max(1, ms), token);
  throw new DelayedError();
}

import { DelayedError, type Job } from "bullmq";
import { fetchMentionPayload } from "@/jobs/contract";
import { fetchMention, logMentionStep, type FetchMentionDeps } from "@/server/interactions/fetch-mention";

// interactions.fetchMention: the use-case reads and stores the mention; this moves the job later when it must wait
// (the account's Graph window, Instagram's throttle, a failed read, a reconnect), keeping its count of attempts.

export async function processFetchMention(job: Job, token: string | undefined, deps: FetchMentionDeps): Promise<void> {
  const payload = fetchMentionPayload.parse(job.data);
  const step = await fetchMention(payload, deps);
  logMentionStep(payload, step);
  if (step.kind !== "retry_at") return;
  await job.updateData({ ...payload, attempt: step.attempt });
  await job.moveToDelayed(Math.max(step.at.getTime(), Date.now() + 1), token);
  throw new DelayedError();
}

import "server-only";
import type { TargetStatus } from "@/generated/prisma/enums";
import type { PublishJob } from "@/jobs/producer";
import { db, type Tx } from "@/server/db";
import { afterCommit, publishJobsFor } from "@/server/publishing/engine-queue";
import { transitionTargets, type TargetChanges } from "@/server/publishing/transition-targets";

// Puts targets on the schedule and gives each its delayed job. Used by approval and by a person's
// retry of a FAILED or UNCONFIRMED target. A target without a time is published now.

export type ScheduleTargetsInput = {
  targetIds: readonly string[];
  actorId: string | null;
  /** Which statuses may be scheduled by this caller; defaults to every allowed source. */
  from?: readonly TargetStatus[];
  /** Overrides the stored time (e.g. a retry "now"). */
  at?: Date;
};

/**
 * What scheduling writes besides the status: the time (the one given, else the stored one, else now) and a
 * clean slate of attempts. Set in the same statement as the status: one pass over the rows that move.
 */
export function scheduleChanges(at?: Date): TargetChanges {
  const when = at ? { scheduledAt: at } : { scheduledAtIfNone: new Date() };
  return { ...when, attempts: 0, lastError: null, lastErrorKind: null, claimedAt: null };
}

async function scheduleTargetsInTx(tx: Tx, input: ScheduleTargetsInput): Promise<string[]> {
  const moved = await transitionTargets(tx, {
    targetIds: input.targetIds,
    to: "SCHEDULED",
    from: input.from,
    actorId: input.actorId,
    changes: scheduleChanges(input.at),
  });
  return moved.map((m) => m.id);
}

export async function enqueueScheduled(targetIds: readonly string[]): Promise<void> {
  if (targetIds.length === 0) return;
  await enqueuePublishJobs(await publishJobsFor(targetIds));
}

/** For callers that already read each target's account and platform (approval does, in its transaction). */
export async function enqueuePublishJobs(jobs: readonly PublishJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await afterCommit("schedule targets", (p) => p.enqueuePublish(jobs));
}

/** Returns the ids that were scheduled; targets in a status that cannot be scheduled are left alone. */
export async function scheduleTargets(input: ScheduleTargetsInput): Promise<string[]> {
  const ids = await db.$transaction((tx) => scheduleTargetsInTx(tx, input));
  await enqueueScheduled(ids);
  return ids;
}

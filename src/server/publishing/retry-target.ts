import "server-only";
import { AppError } from "@/server/errors";
import { scheduleTargets } from "@/server/publishing/schedule-targets";
import { ATTENTION_STATUSES } from "@/lib/post-lifecycle";

// A person retries a FAILED target, or an UNCONFIRMED one after checking that it is not on the
// platform. Attempts start again from zero.

export async function retryTarget(input: { targetId: string; actorId: string; at?: Date }): Promise<void> {
  const ids = await scheduleTargets({
    targetIds: [input.targetId],
    actorId: input.actorId,
    from: [...ATTENTION_STATUSES],
    at: input.at ?? new Date(),
  });
  if (ids.length === 0) throw new AppError("CONFLICT", "targetNotRetryable");
}

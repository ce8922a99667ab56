import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { afterCommit } from "@/server/publishing/engine-queue";
import { transitionTargets } from "@/server/publishing/transition-targets";

// Cancels one target that has not gone out and removes its job. A target already PUBLISHING cannot
// be stopped: the platform call is under way.

export async function cancelTarget(input: { targetId: string; actorId: string }): Promise<void> {
  const moved = await transitionTargets(db, { targetIds: [input.targetId], to: "CANCELLED", actorId: input.actorId });
  if (moved.length === 0) throw new AppError("CONFLICT", "targetNotCancellable");
  await afterCommit("cancel target", (p) => p.removePublish(input.targetId));
}

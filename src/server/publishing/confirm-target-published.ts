import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { transitionTargets } from "@/server/publishing/transition-targets";

// A person found an UNCONFIRMED post on the platform and records it as published.

export async function confirmTargetPublished(input: {
  targetId: string;
  actorId: string;
  platformUrl?: string | null;
}): Promise<void> {
  const moved = await transitionTargets(db, {
    targetIds: [input.targetId],
    to: "PUBLISHED",
    from: ["UNCONFIRMED"],
    actorId: input.actorId,
    changes: { publishedAt: new Date(), ...(input.platformUrl ? { platformUrl: input.platformUrl } : {}) },
  });
  if (moved.length === 0) throw new AppError("CONFLICT", "targetNotUnconfirmed");
}

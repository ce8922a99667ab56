"use server";

import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { moveTarget } from "@/server/posts/move-target";

export async function moveTargetAction(input: unknown) {
  return runAction(async () => moveTarget(await requireActor(), input));
}

"use server";

import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { updateWeights } from "@/server/leaderboard/weights";

export async function saveWeights(input: unknown) {
  return runAction(async () => updateWeights(await requireActor(), input));
}

"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { answerDisposition, askClarification } from "@/server/interactions/dispositions";

// The function's side of a disposition (RESPONDER): answer it, or ask Humas for clarification.

export async function answerDispositionAction(input: unknown) {
  const result = await runAction(async () => answerDisposition(await requireActor(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function askClarificationAction(input: unknown) {
  const result = await runAction(async () => askClarification(await requireActor(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { updateDeadlineHours } from "@/server/interactions/deadlines";
import { forwardInteraction, replyClarification } from "@/server/interactions/dispositions";
import { assignInteraction, closeInteraction, triageInteraction } from "@/server/interactions/triage";

// Interaksi Warga (issue 16): the Humas side. Thin: the use-cases check the policy, validate and audit.

export async function triageAction(input: unknown) {
  const result = await runAction(async () => triageInteraction(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function assignAction(input: unknown) {
  const result = await runAction(async () => assignInteraction(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function closeInteractionAction(input: unknown) {
  const result = await runAction(async () => closeInteraction(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function forwardAction(input: unknown) {
  const result = await runAction(async () => forwardInteraction(await requireActor(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function clarificationReplyAction(input: unknown) {
  const result = await runAction(async () => replyClarification(await requireActor(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function deadlineSettingsAction(input: unknown) {
  const result = await runAction(async () => updateDeadlineHours(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

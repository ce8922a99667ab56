"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { updateDeadlineHours } from "@/server/interactions/deadlines";
import { forwardInteraction, replyClarification } from "@/server/interactions/dispositions";
import {
  approveReply,
  rejectReply,
  requestReply,
  resolveReply,
  updateReplyApproval,
} from "@/server/interactions/replies";
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

// Public replies (decision 0011, "Public replies"): write, approve or send back, settle an unconfirmed one.
export async function replyAction(input: unknown) {
  const result = await runAction(async () => requestReply(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function approveReplyAction(input: unknown) {
  const result = await runAction(async () => approveReply(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function rejectReplyAction(input: unknown) {
  const result = await runAction(async () => rejectReply(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function resolveReplyAction(input: unknown) {
  const result = await runAction(async () => resolveReply(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

export async function replyApprovalSettingsAction(input: unknown) {
  const result = await runAction(async () => updateReplyApproval(await requireActor(), input));
  if (result.ok) revalidatePath("/interactions", "layout");
  return result;
}

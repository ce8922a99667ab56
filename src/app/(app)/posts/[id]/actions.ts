"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { approvePostAs, rejectPostAs } from "@/server/posts/decide-post";
import { cancelTargetAs, checkTargetAs, confirmTargetAs, retryTargetAs } from "@/server/posts/manage-target";

async function act<T>(fn: () => Promise<T>) {
  const result = await runAction(fn);
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function approvePostAction(input: unknown) {
  return act(async () => approvePostAs(await requireActor(), input));
}
export async function rejectPostAction(input: unknown) {
  return act(async () => rejectPostAs(await requireActor(), input));
}
export async function cancelTargetAction(input: unknown) {
  return act(async () => cancelTargetAs(await requireActor(), input));
}
export async function retryTargetAction(input: unknown) {
  return act(async () => retryTargetAs(await requireActor(), input));
}
export async function checkTargetAction(input: unknown) {
  return act(async () => checkTargetAs(await requireActor(), input));
}
export async function confirmTargetAction(input: unknown) {
  return act(async () => confirmTargetAs(await requireActor(), input));
}

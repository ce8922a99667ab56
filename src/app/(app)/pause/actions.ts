"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { pausePublishingAs, resumePublishingAs } from "@/server/posts/pause-publishing";

export async function pauseAction(input: unknown) {
  const result = await runAction(async () => pausePublishingAs(await requireActor(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function resumeAction(input: unknown) {
  const result = await runAction(async () => resumePublishingAs(await requireActor(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

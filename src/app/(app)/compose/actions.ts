"use server";

import { runAction } from "@/server/action-result";
import { requireActor } from "@/server/auth/guards";
import { savePost } from "@/server/posts/save-post";
import { saveTargetGroup } from "@/server/posts/save-target-group";

export async function savePostAction(input: unknown) {
  return runAction(async () => savePost(await requireActor(), input));
}

export async function saveTargetGroupAction(input: unknown) {
  return runAction(async () => saveTargetGroup(await requireActor(), input));
}

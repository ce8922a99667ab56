import "server-only";
import { approvePostSchema, rejectPostSchema } from "@/schemas/posts";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { loadPostUnit } from "@/server/posts/load-post-unit";
import { markPostSeen } from "@/server/posts/mark-post-seen";
import { approvePost } from "@/server/publishing/approve-post";
import { rejectPost } from "@/server/publishing/reject-post";

// The approval decision, guarded: SUPERVISOR on the post's unit or an ancestor (the policy table);
// the engine's use-cases add the rest (the approver wrote no version of it and names the version
// they saw, no time in the past).

export async function approvePostAs(actor: Actor, raw: unknown) {
  const { postId, version, comment } = approvePostSchema.parse(raw);
  const post = await loadPostUnit(postId);
  assertCan(actor, "post.approve", post.unit);
  const result = await approvePost({ postId, actorId: actor.id, version, comment });
  await markDecided(actor.id, postId);
  return result;
}

// Deciding on a post is seeing it: the queue shows later edits as changes since this version.
async function markDecided(userId: string, postId: string) {
  const { version } = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { version: true } });
  await markPostSeen(userId, postId, version);
}

export async function rejectPostAs(actor: Actor, raw: unknown) {
  const { postId, comment } = rejectPostSchema.parse(raw);
  const post = await loadPostUnit(postId);
  assertCan(actor, "post.approve", post.unit);
  const result = await rejectPost({ postId, actorId: actor.id, comment });
  await markDecided(actor.id, postId);
  return result;
}

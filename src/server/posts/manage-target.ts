import "server-only";
import { targetIdSchema } from "@/schemas/posts";
import { assertCan, type Actor } from "@/server/auth/actor";
import { loadTargetUnit } from "@/server/posts/load-post-unit";
import { cancelTarget } from "@/server/publishing/cancel-target";
import { confirmTargetPublished } from "@/server/publishing/confirm-target-published";
import { afterCommit } from "@/server/publishing/engine-queue";
import { retryTarget } from "@/server/publishing/retry-target";

// What a person does with one target from the post page, each guarded on the post's unit.

export async function cancelTargetAs(actor: Actor, raw: unknown) {
  const { targetId } = targetIdSchema.parse(raw);
  const target = await loadTargetUnit(targetId);
  assertCan(actor, "post.cancel", target.post.unit);
  await cancelTarget({ targetId, actorId: actor.id });
}

/** FAILED, or UNCONFIRMED after a person checked it is not on the platform: publish again now. */
export async function retryTargetAs(actor: Actor, raw: unknown) {
  const { targetId } = targetIdSchema.parse(raw);
  const target = await loadTargetUnit(targetId);
  assertCan(actor, "post.schedule", target.post.unit);
  await retryTarget({ targetId, actorId: actor.id });
}

/** UNCONFIRMED: ask the platform again (the worker's confirm job), without posting. */
export async function checkTargetAs(actor: Actor, raw: unknown) {
  const { targetId } = targetIdSchema.parse(raw);
  const target = await loadTargetUnit(targetId);
  assertCan(actor, "post.schedule", target.post.unit);
  await afterCommit("check unconfirmed target", (p) => p.enqueueConfirm({ targetId, check: 1 }, 0));
}

/** UNCONFIRMED: a person found it on the platform. */
export async function confirmTargetAs(actor: Actor, raw: unknown) {
  const { targetId } = targetIdSchema.parse(raw);
  const target = await loadTargetUnit(targetId);
  assertCan(actor, "post.schedule", target.post.unit);
  await confirmTargetPublished({ targetId, actorId: actor.id });
}

import "server-only";
import type { InteractionCategory } from "@/generated/prisma/enums";
import { interactionCategories } from "@/lib/interactions";
import { replyLength, replyLimit } from "@/lib/replies";
import { actorCan, type Actor } from "@/server/auth/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Db, type Tx } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";
import { afterCommit } from "@/server/publishing/engine-queue";
import { rootOf } from "@/server/users/user-access";
import { replyApprovalSchema, replyIdSchema, replySchema, resolveReplySchema } from "@/schemas/interactions";

// The Humas side of public replies (issue 16 item 5; decision 0011 "Public replies"): write the reply (from the
// function's answer), a SUPERVISOR's approval where the organisation asks for it, and settling a reply whose
// send went unanswered. One reply per item (unique in the database); a FAILED or sent-back reply is rewritten
// in place. The worker sends it (send-reply.ts). Audit entries name states and lengths, never the words.

/** The categories whose replies need a SUPERVISOR's approval in this unit's organisation. */
export async function approvalCategories(unit: { path: string }, client: Db | Tx = db): Promise<InteractionCategory[]> {
  const rows = await client.replyApprovalRule.findMany({
    where: { rootUnitId: rootOf(unit) },
    select: { category: true },
  });
  return interactionCategories.filter((c) => rows.some((r) => r.category === c));
}

async function lockItem(tx: Tx, interactionId: string) {
  await tx.$queryRaw`SELECT id FROM interactions WHERE id = ${interactionId}::uuid FOR UPDATE`;
  return tx.interaction.findUnique({
    where: { id: interactionId },
    select: {
      id: true,
      state: true,
      kind: true,
      category: true,
      authorExternalId: true,
      unit: { select: { id: true, path: true } },
      account: { select: { platform: true } },
      reply: { select: { id: true, state: true, authorId: true } },
    },
  });
}

/** Writes (or rewrites after a failure or a send-back) the item's public reply; queued, or waiting for approval. */
export async function requestReply(actor: Actor, raw: unknown) {
  const input = replySchema.parse(raw);
  const result = await db.$transaction(async (tx) => {
    const item = await lockItem(tx, input.interactionId);
    if (!item || !actorCan(actor, "interaction.reply", item.unit)) throw forbidden();
    if (item.state === "CLOSED") throw new AppError("CONFLICT", "interactionFinished");
    const platform = item.account.platform;
    const limit = replyLimit[platform];
    if (limit === null) throw new AppError("VALIDATION", "replyUnsupported");
    if ((platform === "FACEBOOK_PAGE" || platform === "INSTAGRAM") && item.kind === "MESSAGE")
      throw new AppError("VALIDATION", "replyUnsupported");
    if (platform === "LINE_OA" && !item.authorExternalId) throw new AppError("VALIDATION", "replyUnsupported");
    if (replyLength(platform, input.text) > limit)
      throw new AppError("VALIDATION", "validation", { text: { key: "replyTooLongFor", params: { limit } } });
    if (item.reply && item.reply.state !== "FAILED" && item.reply.state !== "CANCELLED")
      throw new AppError("CONFLICT", "replyExists");
    const needsApproval = !!item.category && (await approvalCategories(item.unit, tx)).includes(item.category);
    const state = needsApproval ? "PENDING_APPROVAL" : "QUEUED";
    const data = {
      authorId: actor.id,
      text: input.text,
      state,
      attempts: 0,
      lastError: null,
      lastErrorKind: null,
      platformState: {},
      approvedById: null,
      approvedAt: null,
    } as const;
    const reply = item.reply
      ? await tx.interactionReply.update({ where: { id: item.reply.id }, data, select: { id: true } })
      : await tx.interactionReply.create({
          data: { id: crypto.randomUUID(), interactionId: item.id, ...data },
          select: { id: true },
        });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "reply.requested",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { replyState: item.reply?.state ?? null },
      after: { replyState: state, length: input.text.length },
    });
    return { replyId: reply.id, state };
  });
  if (result.state === "QUEUED") await afterCommit("send reply", (p) => p.enqueueReply(result.replyId));
  return result;
}

async function lockReply(tx: Tx, replyId: string) {
  const r = await tx.interactionReply.findUnique({ where: { id: replyId }, select: { interactionId: true } });
  if (!r) throw forbidden();
  const item = await lockItem(tx, r.interactionId);
  if (!item?.reply) throw forbidden();
  return { item, reply: item.reply };
}

/** A SUPERVISOR of the subtree approves another person's reply (four eyes, as for posts); it is queued. */
export async function approveReply(actor: Actor, raw: unknown) {
  const input = replyIdSchema.parse(raw);
  await db.$transaction(async (tx) => {
    const { item, reply } = await lockReply(tx, input.replyId);
    if (!actorCan(actor, "interaction.approveReply", item.unit)) throw forbidden();
    if (reply.authorId === actor.id) throw new AppError("FORBIDDEN", "replyOwnApproval");
    if (reply.state !== "PENDING_APPROVAL") throw new AppError("CONFLICT", "replyNotPending");
    await tx.interactionReply.update({
      where: { id: reply.id },
      data: { state: "QUEUED", approvedById: actor.id, approvedAt: new Date() },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "reply.approved",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { replyState: reply.state },
      after: { replyState: "QUEUED" },
    });
  });
  await afterCommit("send reply", (p) => p.enqueueReply(input.replyId));
  return { state: "QUEUED" as const };
}

/** A SUPERVISOR sends the reply back: it is not sent, and Humas may write it again. */
export async function rejectReply(actor: Actor, raw: unknown) {
  const input = replyIdSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const { item, reply } = await lockReply(tx, input.replyId);
    if (!actorCan(actor, "interaction.approveReply", item.unit)) throw forbidden();
    if (reply.state !== "PENDING_APPROVAL") throw new AppError("CONFLICT", "replyNotPending");
    await tx.interactionReply.update({ where: { id: reply.id }, data: { state: "CANCELLED" } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "reply.rejected",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { replyState: reply.state },
      after: { replyState: "CANCELLED" },
    });
    return { state: "CANCELLED" as const };
  });
}

/**
 * An UNCONFIRMED reply the platform could not be asked about (X, a spent LINE reply token) or did not answer:
 * the person looked on the platform and says it is there (SENT) or not (sent again). Never resent blind.
 */
export async function resolveReply(actor: Actor, raw: unknown) {
  const input = resolveReplySchema.parse(raw);
  const state = await db.$transaction(async (tx) => {
    const { item, reply } = await lockReply(tx, input.replyId);
    if (!actorCan(actor, "interaction.reply", item.unit)) throw forbidden();
    if (reply.state !== "UNCONFIRMED") throw new AppError("CONFLICT", "replyNotUnconfirmed");
    const now = new Date();
    const to = input.outcome === "sent" ? "SENT" : "QUEUED";
    await tx.interactionReply.update({
      where: { id: reply.id },
      data:
        to === "SENT"
          ? { state: to, sentAt: now, lastError: null, lastErrorKind: null }
          : { state: to, platformState: {}, lastError: null, lastErrorKind: null },
    });
    if (to === "SENT")
      await tx.$executeRaw`UPDATE interactions SET state = 'REPLIED', first_reply_at = COALESCE(first_reply_at, ${now}),
          resolved_at = COALESCE(resolved_at, ${now}), updated_at = ${now} WHERE id = ${item.id}::uuid`;
    await writeAudit(tx, {
      actorId: actor.id,
      action: "reply.resolved",
      entityType: "Interaction",
      entityId: item.id,
      unit: item.unit,
      before: { replyState: reply.state },
      after: { replyState: to },
    });
    return to;
  });
  if (state === "QUEUED") await afterCommit("send reply", (p) => p.enqueueReply(input.replyId));
  return { state };
}

/** Sets which categories' replies need approval in one organisation; one audit entry with before and after. */
export async function updateReplyApproval(actor: Actor, raw: unknown) {
  const input = replyApprovalSchema.parse(raw);
  const root = await db.unit.findUnique({
    where: { id: input.rootUnitId },
    select: { id: true, path: true, parentId: true },
  });
  if (!root || root.parentId !== null || !actorCan(actor, "interaction.configure", root)) throw forbidden();
  return db.$transaction(async (tx) => {
    const before = await approvalCategories(root, tx);
    const after = interactionCategories.filter((c) => input.categories.includes(c));
    await tx.replyApprovalRule.deleteMany({ where: { rootUnitId: root.id } });
    if (after.length)
      await tx.replyApprovalRule.createMany({
        data: after.map((category) => ({ rootUnitId: root.id, category, updatedById: actor.id })),
      });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "settings.replyApproval",
      entityType: "Settings",
      entityId: root.id,
      unit: root,
      before: { categories: before },
      after: { categories: after },
    });
    return { categories: after };
  });
}

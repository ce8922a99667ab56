import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { TargetStatus } from "@/generated/prisma/enums";
import { commercialFlags } from "@/lib/commercial";
import { checkVideoLimits } from "@/lib/media-limits";
import { checkRules } from "@/platforms/rules";
import { composePostSchema } from "@/schemas/posts";
import { writeAudit } from "@/server/audit/write-audit";
import { actorCan, assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, notFound, type FieldMessage } from "@/server/errors";
import { afterCommit } from "@/server/publishing/engine-queue";
import { transitionTargets } from "@/server/publishing/transition-targets";
import { EDITABLE_STATUSES, isIn } from "@/lib/post-lifecycle";

// Saves what the composer sends: a new post or an edit, as a draft or submitted for approval.
// Every check runs before anything is written, and the write is one transaction, so a refused
// request changes nothing. Editing an approved (SCHEDULED) post sends it back for approval.

/** A time this close to now counts as "now" rather than the past. */
const PAST_GRACE_MS = 30_000;

export async function savePost(actor: Actor, raw: unknown): Promise<{ postId: string; status: TargetStatus }> {
  const input = composePostSchema.parse(raw);
  const owner = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } });
  if (!owner) throw new AppError("VALIDATION", "validation", { unitId: "notFound" });
  assertCan(actor, "post.compose", owner);

  const existing = input.postId
    ? await db.post.findUnique({
        where: { id: input.postId },
        include: { unit: { select: { path: true } }, targets: { select: { id: true, accountId: true, status: true } } },
      })
    : null;
  if (input.postId && !existing) throw notFound();
  if (existing) {
    assertCan(actor, "post.compose", existing.unit);
    if (existing.targets.some((t) => !isIn(EDITABLE_STATUSES, t.status))) throw new AppError("CONFLICT", "postLocked");
  }

  const fieldErrors: Record<string, FieldMessage> = {};
  let outOfScope = false;
  const accountIds = [...new Set(input.targets.map((t) => t.accountId))];
  if (accountIds.length !== input.targets.length) fieldErrors.targets = "duplicateTarget";
  const accounts = await db.socialAccount.findMany({
    where: { id: { in: accountIds } },
    select: { id: true, platform: true, status: true, verification: true, unit: { select: { path: true } } },
  });
  const mediaRows = await db.media.findMany({
    where: { id: { in: input.media.map((m) => m.id) } },
    include: { unit: { select: { path: true } } },
  });
  const media = input.media.map((m, position) => {
    const row = mediaRows.find((r) => r.id === m.id);
    if (!row || !actorCan(actor, "post.compose", row.unit) || (row.postId && row.postId !== existing?.id))
      fieldErrors.media = "mediaNotFound";
    return { ...m, position, row };
  });
  const ruleMedia = media.flatMap((m) =>
    m.row ? [{ kind: m.row.type, mimeType: m.row.mimeType, altText: m.altText, sizeBytes: m.row.sizeBytes }] : [],
  );

  const now = Date.now();
  for (const target of input.targets) {
    const key = `target.${target.accountId}`;
    const account = accounts.find((a) => a.id === target.accountId);
    if (!account) {
      fieldErrors[key] = "targetNotFound";
      continue;
    }
    if (!account.unit.path.startsWith(owner.path) || !actorCan(actor, "post.compose", account.unit)) {
      fieldErrors[key] = "targetOutOfScope";
      outOfScope = true;
      continue;
    }
    if (account.status === "DISABLED") {
      fieldErrors[key] = "targetDisabled";
      continue;
    }
    // Only accounts HQ verified as official can be targeted (decision 0013).
    if (account.verification !== "VERIFIED") {
      fieldErrors[key] = "verification.targetUnverified";
      continue;
    }
    if (existing?.targets.some((t) => t.accountId === account.id && t.status === "CANCELLED")) {
      fieldErrors[key] = "targetWasCancelled";
      continue;
    }
    if (target.scheduledAt && new Date(target.scheduledAt).getTime() < now - PAST_GRACE_MS) {
      fieldErrors[key] = "timeInPast";
      continue;
    }
    if (input.intent === "submit") {
      const text = target.textOverride ?? input.baseText;
      const issue =
        checkRules(account.platform, { text, title: input.title, media: ruleMedia })[0] ??
        checkVideoLimits(
          account.platform,
          media.flatMap((m) => (m.row ? [m.row] : [])),
        )[0];
      if (issue) fieldErrors[key] = { key: `rules.${issue.key}`, params: issue.params };
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError(outOfScope ? "FORBIDDEN" : "VALIDATION", outOfScope ? "forbidden" : "validation", fieldErrors);
  }

  const status: TargetStatus = input.intent === "submit" ? "PENDING_APPROVAL" : "DRAFT";
  const flags = commercialFlags(input.baseText, input.title, ...input.targets.map((t) => t.textOverride));
  const { postId, unscheduled } = await db.$transaction(
    async (tx) => {
      const postId = existing?.id ?? randomUUID();
      // The post's row is held until commit and the targets are read again under it: an approval that
      // committed since the read above has scheduled them, and this edit must send them back
      // (decision 0009: only the approved version publishes).
      const [locked] = existing
        ? await tx.$queryRaw<{ version: number }[]>`SELECT version FROM posts WHERE id = ${postId}::uuid FOR UPDATE`
        : [];
      const current = existing
        ? await tx.postTarget.findMany({ where: { postId }, select: { id: true, accountId: true, status: true } })
        : [];
      if (current.some((t) => !isIn(EDITABLE_STATUSES, t.status))) throw new AppError("CONFLICT", "postLocked");
      const version = locked ? locked.version + 1 : 1;
      const content = { baseText: input.baseText, title: input.title, commercialFlags: flags, unitId: owner.id };
      if (existing) await tx.post.update({ where: { id: postId }, data: { ...content, version } });
      else await tx.post.create({ data: { id: postId, authorId: actor.id, ...content } });

      // Targets: drop the ones no longer chosen, move the rest back to draft or approval, add new ones.
      const keep = new Set(accountIds);
      const dropped = current.filter((t) => !keep.has(t.accountId));
      const kept = current.filter((t) => keep.has(t.accountId));
      const unscheduled = [...dropped, ...kept]
        .filter((t) => t.status === "SCHEDULED" || t.status === "PAUSED")
        .map((t) => t.id);
      if (dropped.length) {
        await transitionTargets(tx, {
          targetIds: dropped.map((t) => t.id),
          to: "CANCELLED",
          actorId: actor.id,
          note: "removed from the post",
        });
      }
      for (const target of input.targets) {
        const old = kept.find((t) => t.accountId === target.accountId);
        const data = {
          textOverride: target.textOverride,
          scheduledAt: target.scheduledAt ? new Date(target.scheduledAt) : null,
        };
        if (old) await tx.postTarget.update({ where: { id: old.id }, data });
        else
          await tx.postTarget.create({
            data: { id: randomUUID(), postId, accountId: target.accountId, status, ...data },
          });
      }
      // An approved target goes back to approval first (the product rule), then to draft if that was asked.
      const approved = kept.filter((t) => t.status === "SCHEDULED" || t.status === "PAUSED").map((t) => t.id);
      if (approved.length)
        await transitionTargets(tx, {
          targetIds: approved,
          to: "PENDING_APPROVAL",
          actorId: actor.id,
          note: "edited after approval",
        });
      const toMove = kept.filter((t) => t.status !== status && t.status !== "CANCELLED").map((t) => t.id);
      if (toMove.length) await transitionTargets(tx, { targetIds: toMove, to: status, actorId: actor.id });

      await tx.media.updateMany({
        where: { postId, id: { notIn: input.media.map((m) => m.id) } },
        data: { postId: null },
      });
      for (const m of media)
        await tx.media.update({ where: { id: m.id }, data: { postId, position: m.position, altText: m.altText } });

      const targetsJson = input.targets.map((t) => ({
        accountId: t.accountId,
        textOverride: t.textOverride,
        scheduledAt: t.scheduledAt,
      })) as Prisma.InputJsonValue;
      await tx.postRevision.create({
        data: {
          id: randomUUID(),
          postId,
          version,
          editorId: actor.id,
          baseText: input.baseText,
          title: input.title,
          targets: targetsJson,
          mediaIds: input.media.map((m) => m.id),
        },
      });
      await tx.postView.upsert({
        where: { userId_postId: { userId: actor.id, postId } },
        create: { userId: actor.id, postId, seenVersion: version },
        update: { seenVersion: version, seenAt: new Date() },
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: existing ? "post.updated" : "post.created",
        entityType: "Post",
        entityId: postId,
        unit: owner,
        before: existing
          ? { version: existing.version, baseText: existing.baseText, title: existing.title }
          : undefined,
        after: {
          version,
          baseText: input.baseText,
          title: input.title,
          targets: input.targets.length,
          intent: input.intent,
          commercialFlags: flags,
        },
      });
      return { postId, unscheduled };
    },
    { timeout: 60_000 },
  );

  // Approved targets that were edited or removed lose their jobs; a job that fires anyway finds them not SCHEDULED.
  if (unscheduled.length) await afterCommit("unschedule edited post", (p) => p.removePublishMany(unscheduled));
  return { postId, status };
}

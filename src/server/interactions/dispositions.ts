import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actorCan, actorCanAnywhere, type Actor } from "@/server/auth/actor";
import { covers, scopeFor } from "@/server/auth/policy";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Tx } from "@/server/db";
import { AppError, forbidden } from "@/server/errors";
import { deadlineHoursFor } from "@/server/interactions/deadlines";
import { dispositionSelect } from "@/server/interactions/get-interaction";
import { cursorOf, parseCursor, responderUnits } from "@/server/interactions/inbox-scope";
import { lockInteraction } from "@/server/interactions/triage";
import { logSensitiveView } from "@/server/interactions/view-log";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";
import {
  answerSchema,
  clarificationReplySchema,
  clarifySchema,
  dispositionListSchema,
  forwardSchema,
} from "@/schemas/interactions";

// Disposisi (issue 16 item 4): Humas forwards an item to a function unit with a deadline; the function's
// RESPONDER answers it or asks Humas for clarification; what stays unanswered past its deadline escalates to
// the function's parent unit (escalateOverdue, a repeating job). Every step audited in its transaction.

/**
 * Forwards an item to a function unit (kind FUNGSI) lying in a subtree where the actor forwards and which
 * holds the item. The item must have a category (the deadline follows it) and no open disposition.
 */
export async function forwardInteraction(actor: Actor, raw: unknown) {
  const input = forwardSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const item = await lockInteraction(tx, actor, input.interactionId, "interaction.forward");
    if (!item.category) throw new AppError("VALIDATION", "validation", { category: "categoryFirst" });
    if (item.state === "REPLIED" || item.state === "CLOSED") throw new AppError("CONFLICT", "interactionFinished");
    if (item.dispositions.length) throw new AppError("CONFLICT", "dispositionOpen");
    const fn = await tx.unit.findUnique({
      where: { id: input.toUnitId },
      select: { id: true, path: true, kind: true, name: true },
    });
    const forwardRoots = scopeFor(actor.memberships, "interaction.forward").filter((p) => covers(p, item.unit.path));
    if (!fn || fn.kind !== FUNCTION_UNIT_KIND || !forwardRoots.some((p) => covers(p, fn.path)))
      throw new AppError("VALIDATION", "validation", { toUnitId: "functionOutsideScope" });
    const deadlineHours = input.deadlineHours ?? (await deadlineHoursFor(item.unit, tx))[item.category];
    const createdAt = new Date();
    const deadlineAt = new Date(createdAt.getTime() + deadlineHours * 3_600_000);
    const disposition = await tx.disposition.create({
      data: {
        id: crypto.randomUUID(),
        interactionId: item.id,
        fromUnitId: item.unit.id,
        toUnitId: fn.id,
        createdById: actor.id,
        note: input.note,
        deadlineAt,
        createdAt,
      },
      select: { id: true },
    });
    await tx.interaction.update({ where: { id: item.id }, data: { state: "FORWARDED" } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "interaction.forward",
      entityType: "Disposition",
      entityId: disposition.id,
      unit: item.unit,
      before: { state: item.state },
      after: {
        state: "FORWARDED",
        interactionId: item.id,
        unitId: fn.id,
        category: item.category,
        deadlineHours,
        deadlineAt,
      },
    });
    return { dispositionId: disposition.id, deadlineAt };
  });
}

/** Locks a disposition and checks the actor's `action` on the unit it went to (the function's). */
async function lockForFunction(tx: Tx, actor: Actor, id: string) {
  await tx.$queryRaw`SELECT id FROM dispositions WHERE id = ${id}::uuid FOR UPDATE`;
  const d = await tx.disposition.findUnique({
    where: { id },
    select: {
      id: true,
      answeredAt: true,
      clarification: true,
      toUnit: { select: { id: true, path: true } },
      interaction: { select: { id: true, state: true, unit: { select: { id: true, path: true } } } },
    },
  });
  if (!d || !actorCan(actor, "disposition.answer", d.toUnit)) throw forbidden();
  return d;
}

/** The function's answer: once; the item moves to ANSWERED for Humas to reply in public. */
export async function answerDisposition(actor: Actor, raw: unknown) {
  const input = answerSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const d = await lockForFunction(tx, actor, input.dispositionId);
    if (d.answeredAt) throw new AppError("CONFLICT", "dispositionAnswered");
    const answeredAt = new Date();
    await tx.disposition.update({
      where: { id: d.id },
      data: { answer: input.answer, answeredById: actor.id, answeredAt },
    });
    const state = d.interaction.state === "FORWARDED" ? "ANSWERED" : d.interaction.state;
    await tx.interaction.update({ where: { id: d.interaction.id }, data: { state } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "disposition.answer",
      entityType: "Disposition",
      entityId: d.id,
      unit: d.toUnit,
      before: { state: d.interaction.state },
      after: { state, answeredAt, answerLength: input.answer.length },
    });
    return { answeredAt };
  });
}

/** The function asks Humas a question; the disposition stays open (its deadline runs on). */
export async function askClarification(actor: Actor, raw: unknown) {
  const input = clarifySchema.parse(raw);
  return db.$transaction(async (tx) => {
    const d = await lockForFunction(tx, actor, input.dispositionId);
    if (d.answeredAt) throw new AppError("CONFLICT", "dispositionAnswered");
    const at = new Date();
    await tx.disposition.update({
      where: { id: d.id },
      data: {
        clarification: input.question,
        clarificationAskedAt: at,
        clarificationReply: null,
        clarificationRepliedAt: null,
      },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "disposition.clarify",
      entityType: "Disposition",
      entityId: d.id,
      unit: d.toUnit,
      after: { clarificationLength: input.question.length },
    });
    return { askedAt: at };
  });
}

/** Humas answers the function's question (the subtree's Humas who may forward). */
export async function replyClarification(actor: Actor, raw: unknown) {
  const input = clarificationReplySchema.parse(raw);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM dispositions WHERE id = ${input.dispositionId}::uuid FOR UPDATE`;
    const d = await tx.disposition.findUnique({
      where: { id: input.dispositionId },
      select: {
        id: true,
        answeredAt: true,
        clarification: true,
        interaction: { select: { unit: { select: { id: true, path: true } } } },
      },
    });
    if (!d || !actorCan(actor, "interaction.forward", d.interaction.unit)) throw forbidden();
    if (d.answeredAt) throw new AppError("CONFLICT", "dispositionAnswered");
    if (!d.clarification) throw new AppError("CONFLICT", "noClarificationAsked");
    const at = new Date();
    await tx.disposition.update({
      where: { id: d.id },
      data: { clarificationReply: input.reply, clarificationRepliedAt: at },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "disposition.clarificationReply",
      entityType: "Disposition",
      entityId: d.id,
      unit: d.interaction.unit,
      after: { clarificationReplyLength: input.reply.length },
    });
    return { repliedAt: at };
  });
}

export const DISPOSITION_PAGE_SIZE = 25;

/**
 * The responder's list: only dispositions to the function units its memberships cover. Open ones by deadline
 * (the most urgent first), answered ones too on request; keyset by (deadline, id), a page at a time.
 */
export async function listDispositions(actor: Actor, raw: unknown) {
  if (!actorCanAnywhere(actor, "disposition.read")) throw forbidden();
  const q = dispositionListSchema.parse(raw);
  const and: Prisma.DispositionWhereInput[] = [{ toUnit: responderUnits(actor) }];
  if (q.show === "open") and.push({ answeredAt: null });
  if (q.show === "answered") and.push({ answeredAt: { not: null } });
  if (q.after) {
    const c = parseCursor(q.after);
    and.push({ OR: [{ deadlineAt: { gt: c.at } }, { deadlineAt: c.at, id: { gt: c.id } }] });
  }
  const rows = await db.disposition.findMany({
    where: { AND: and },
    orderBy: [{ deadlineAt: "asc" }, { id: "asc" }],
    take: DISPOSITION_PAGE_SIZE + 1,
    select: {
      id: true,
      deadlineAt: true,
      createdAt: true,
      answeredAt: true,
      escalatedAt: true,
      clarification: true,
      clarificationReply: true,
      toUnit: { select: { name: true, timeZone: true } },
      fromUnit: { select: { name: true } },
      interaction: {
        select: { text: true, category: true, urgent: true, platform: true, receivedAt: true },
      },
    },
  });
  const items = rows.slice(0, DISPOSITION_PAGE_SIZE);
  const last = items.at(-1);
  return {
    query: q,
    items,
    next: rows.length > DISPOSITION_PAGE_SIZE && last ? cursorOf(last.deadlineAt, last.id) : null,
  };
}

/**
 * One disposition, for the function it went to (disposition.read on that unit) or for the Humas of the
 * item's subtree (interaction.read): the screen where the responder answers, and the printable record.
 */
export async function getDisposition(actor: Actor, id: string) {
  const d = await db.disposition.findUnique({
    where: { id },
    select: {
      ...dispositionSelect,
      toUnit: { select: { id: true, name: true, path: true, timeZone: true, parent: { select: { name: true } } } },
      fromUnit: { select: { name: true, timeZone: true } },
      interaction: {
        select: {
          id: true,
          platform: true,
          kind: true,
          authorHandle: true,
          authorName: true,
          text: true,
          receivedAt: true,
          category: true,
          urgent: true,
          account: { select: { handle: true, platform: true } },
          unit: { select: { id: true, name: true, path: true } },
          target: { select: { platformUrl: true, post: { select: { title: true, baseText: true } } } },
        },
      },
    },
  });
  if (!d) throw forbidden();
  const asFunction = actorCan(actor, "disposition.read", d.toUnit);
  const asHumas = actorCan(actor, "interaction.read", d.interaction.unit);
  if (!asFunction && !asHumas) throw forbidden();
  // The function reads the citizen's message here: a view like any other (decision 0011, "Personal data").
  await logSensitiveView(
    { id: d.interaction.id, category: d.interaction.category, unitId: d.interaction.unit.id },
    actor.id,
  );
  return { disposition: d, may: { answer: actorCan(actor, "disposition.answer", d.toUnit), humas: asHumas } };
}

/** For the responder's home: its function's open dispositions and how many are past their deadline. */
export async function countOpenDispositions(actor: Actor) {
  if (!actorCanAnywhere(actor, "disposition.read")) return null;
  const where = { toUnit: responderUnits(actor), answeredAt: null };
  const [open, overdue] = await Promise.all([
    db.disposition.count({ where }),
    db.disposition.count({ where: { ...where, deadlineAt: { lt: new Date() } } }),
  ]);
  return { open, overdue };
}

import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actorCan, type Actor } from "@/server/auth/actor";
import { can, rolesWith, scopeFor } from "@/server/auth/policy";
import { db } from "@/server/db";
import { forbidden } from "@/server/errors";
import { deadlineHoursFor } from "@/server/interactions/deadlines";
import { itemViews, logSensitiveView } from "@/server/interactions/view-log";
import { approvalCategories } from "@/server/interactions/replies";
import { rootOf } from "@/server/users/user-access";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";

/** What the item page and the disposition page both show of a disposition. */
export const dispositionSelect = {
  id: true,
  note: true,
  deadlineAt: true,
  createdAt: true,
  clarification: true,
  clarificationAskedAt: true,
  clarificationReply: true,
  clarificationRepliedAt: true,
  answer: true,
  answeredAt: true,
  escalatedAt: true,
  toUnit: { select: { id: true, name: true } },
  fromUnit: { select: { name: true } },
  escalatedToUnit: { select: { name: true } },
  createdBy: { select: { name: true } },
  answeredBy: { select: { name: true } },
} satisfies Prisma.DispositionSelect;

const conversationSelect = {
  id: true,
  authorHandle: true,
  authorName: true,
  text: true,
  receivedAt: true,
} satisfies Prisma.InteractionSelect;

/**
 * One item for the subtree's Humas: the item, the post it belongs to, the conversation around it (the other
 * comments under the same post, or the same citizen's messages to the account), its dispositions and reply,
 * and what the triage and forwarding forms offer. Outside the actor's subtree, or missing: FORBIDDEN alike.
 */
export async function getInteraction(actor: Actor, id: string) {
  // One snapshot for the item and its relations: Prisma reads each relation with a statement of its own, and a
  // reply recorded SENT between two of them showed "Terkirim" beside an item still unreplied, with no response
  // time (the worker, at a lower priority than the web, tends to commit exactly while a page waits on the
  // database). REPEATABLE READ makes every statement of the read see the same committed state.
  const item = await db.$transaction(
    (tx) =>
      tx.interaction.findUnique({
        where: { id },
        select: {
          id: true,
          platform: true,
          kind: true,
          authorExternalId: true,
          authorHandle: true,
          authorName: true,
          text: true,
          receivedAt: true,
          category: true,
          urgent: true,
          state: true,
          externalParentId: true,
          firstReplyAt: true,
          resolvedAt: true,
          anonymisedAt: true,
          accountId: true,
          assignee: { select: { id: true, name: true } },
          account: { select: { id: true, handle: true, platform: true, displayName: true } },
          unit: { select: { id: true, name: true, path: true, timeZone: true } },
          target: {
            select: {
              platformUrl: true,
              publishedAt: true,
              post: { select: { id: true, title: true, baseText: true } },
            },
          },
          dispositions: { orderBy: { createdAt: "asc" }, select: dispositionSelect },
          reply: {
            select: {
              id: true,
              text: true,
              state: true,
              sentAt: true,
              externalUrl: true,
              lastError: true,
              lastErrorKind: true,
              authorId: true,
              author: { select: { name: true } },
              approvedBy: { select: { name: true } },
            },
          },
        },
      }),
    { isolationLevel: "RepeatableRead" },
  );
  if (!item || !actorCan(actor, "interaction.read", item.unit)) throw forbidden();
  // Complaints and reports: who opened them, and when, is kept (decision 0011, "Personal data").
  await logSensitiveView({ id: item.id, category: item.category, unitId: item.unit.id }, actor.id);

  // The thread: same post of the account, or the same citizen's messages; ten before and ten after.
  const thread: Prisma.InteractionWhereInput | null = item.externalParentId
    ? { accountId: item.accountId, externalParentId: item.externalParentId }
    : item.kind === "MESSAGE" && item.authorExternalId
      ? { accountId: item.accountId, kind: "MESSAGE", authorExternalId: item.authorExternalId }
      : null;
  const ancestors = item.unit.path.split("/").filter(Boolean);
  // Function units the actor may forward to: in a subtree where the actor forwards and which holds the item.
  const forwardRoots = scopeFor(actor.memberships, "interaction.forward").filter((p) => item.unit.path.startsWith(p));
  const root = await db.unit.findUniqueOrThrow({
    where: { id: rootOf(item.unit) },
    select: { kind: true, code: true, name: true },
  });
  const [before, after, functions, operators, deadlines, views, approval] = await Promise.all([
    thread
      ? db.interaction.findMany({
          where: {
            AND: [
              thread,
              { OR: [{ receivedAt: { lt: item.receivedAt } }, { receivedAt: item.receivedAt, id: { lt: item.id } }] },
            ],
          },
          orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
          take: 10,
          select: conversationSelect,
        })
      : [],
    thread
      ? db.interaction.findMany({
          where: {
            AND: [
              thread,
              { OR: [{ receivedAt: { gt: item.receivedAt } }, { receivedAt: item.receivedAt, id: { gt: item.id } }] },
            ],
          },
          orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
          take: 10,
          select: conversationSelect,
        })
      : [],
    forwardRoots.length
      ? db.unit.findMany({
          where: { kind: FUNCTION_UNIT_KIND, OR: forwardRoots.map((p) => ({ path: { startsWith: p } })) },
          select: { id: true, name: true, parent: { select: { name: true } } },
          orderBy: { name: "asc" },
          take: 200,
        })
      : [],
    // Operators: the Humas (ADMIN, SUPERVISOR) whose membership covers the item's unit.
    db.user.findMany({
      where: {
        disabledAt: null,
        memberships: { some: { role: { in: rolesWith("interaction.triage") }, unitId: { in: ancestors } } },
      },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
    deadlineHoursFor(item.unit),
    itemViews(actor, item),
    approvalCategories(item.unit),
  ]);
  return {
    item,
    root,
    conversation: { before: before.reverse(), after },
    functions,
    operators,
    deadlines,
    /** Who opened it (logged categories only), for those who may read the log; null for the others. */
    views,
    /** Whether a reply in the item's category waits for a SUPERVISOR's approval (decision 0011, "Public replies"). */
    replyNeedsApproval: !!item.category && approval.includes(item.category),
    may: {
      triage: can(actor.memberships, "interaction.triage", item.unit.path),
      forward: can(actor.memberships, "interaction.forward", item.unit.path),
      reply: can(actor.memberships, "interaction.reply", item.unit.path),
      approveReply: can(actor.memberships, "interaction.approveReply", item.unit.path),
    },
  };
}

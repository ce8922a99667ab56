import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { verificationQueueQuerySchema } from "@/schemas/verification";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";

export const QUEUE_PAGE_SIZE = 100;

/** Accounts awaiting verification that the caller may verify (units strictly below a SUPERVISOR membership). */
export async function listVerificationQueue(actor: Actor, query: unknown) {
  const q = verificationQueueQuerySchema.parse(query);
  const unitFilters: Prisma.UnitWhereInput[] = [unitScope(actor, "account.verify")];
  if (q.unitId) {
    const root = await db.unit.findUnique({ where: { id: q.unitId }, select: { path: true } });
    unitFilters.push(root ? { path: { startsWith: root.path } } : { id: q.unitId });
  }
  const where: Prisma.SocialAccountWhereInput = { verification: "PENDING", unit: { AND: unitFilters } };
  const total = await db.socialAccount.count({ where });
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = await db.socialAccount.findMany({
    where,
    select: {
      id: true,
      platform: true,
      handle: true,
      displayName: true,
      profileUrl: true,
      registeredById: true,
      createdAt: true,
      registeredBy: { select: { name: true } },
      unit: { select: { id: true, name: true, code: true } },
    },
    orderBy: [{ unit: { name: "asc" } }, { platform: "asc" }, { handle: "asc" }],
    skip: (page - 1) * QUEUE_PAGE_SIZE,
    take: QUEUE_PAGE_SIZE,
  });
  return {
    items: rows.map(({ registeredById, registeredBy, ...r }) => ({
      ...r,
      registeredBy: registeredBy?.name ?? null,
      // Four eyes: whoever registered or last changed an account does not verify it.
      mine: registeredById === actor.id,
    })),
    total,
    page,
    pages,
  };
}

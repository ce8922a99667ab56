import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { accountListQuerySchema } from "@/schemas/accounts";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { accountSelect, toAccountView } from "@/server/accounts/account-view";
import { renewingAccounts } from "@/server/accounts/token-health";

export const ACCOUNTS_PAGE_SIZE = 25;

/** The registry: accounts in the caller's subtrees, filtered in the database and paged. */
export async function listAccounts(actor: Actor, query: unknown) {
  const q = accountListQuerySchema.parse(query);
  const unitFilters: Prisma.UnitWhereInput[] = [unitScope(actor, "account.read")];
  if (q.unitId) {
    const root = await db.unit.findUnique({ where: { id: q.unitId }, select: { path: true } });
    unitFilters.push(root ? { path: { startsWith: root.path } } : { id: q.unitId });
  }
  const where: Prisma.SocialAccountWhereInput = {
    unit: { AND: unitFilters },
    ...(q.platform ? { platform: q.platform } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.verification ? { verification: q.verification } : {}),
    ...(q.q
      ? {
          OR: [
            { handle: { contains: q.q.replace(/^@/, ""), mode: "insensitive" } },
            { displayName: { contains: q.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const total = await db.socialAccount.count({ where });
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = await db.socialAccount.findMany({
    where,
    select: accountSelect,
    orderBy: [{ unit: { name: "asc" } }, { platform: "asc" }, { handle: "asc" }],
    skip: (page - 1) * ACCOUNTS_PAGE_SIZE,
    take: ACCOUNTS_PAGE_SIZE,
  });
  const renewing = await renewingAccounts(rows);
  return {
    items: rows.map((r) => ({ ...toAccountView(r), renews: renewing.has(r.id) })),
    total,
    page,
    pages,
    pageSize: ACCOUNTS_PAGE_SIZE,
  };
}

import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { userListQuerySchema } from "@/schemas/users";
import { unitScope, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { assertManagesUsers, userSelect } from "@/server/users/user-access";

export const USERS_PAGE_SIZE = 25;

export async function listUsers(actor: Actor, query: unknown) {
  assertManagesUsers(actor);
  const q = userListQuerySchema.parse(query);
  const where: Prisma.UserWhereInput = {
    AND: [
      { OR: [{ memberships: { none: {} } }, { memberships: { some: { unit: unitScope(actor, "user.manage") } } }] },
      q.q
        ? { OR: [{ email: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] }
        : {},
    ],
  };
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const items = await db.user.findMany({
    where,
    select: userSelect,
    orderBy: { name: "asc" },
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
  });
  return { items, total, page, pages };
}

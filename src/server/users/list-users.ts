import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { userListQuerySchema } from "@/schemas/users";
import { actorCan, unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { assertManagesUsers, userSelect } from "@/server/users/user-access";

export const USERS_PAGE_SIZE = 25;

export async function listUsers(actor: Actor, query: unknown) {
  assertManagesUsers(actor);
  const q = userListQuerySchema.parse(query);
  // A user with no membership left belongs to their organisation's root, and is listed only to those who
  // manage users over that root (as loadManagedUser decides who manages them); one whose root is unknown,
  // only to those who manage every root (decision 0009).
  const roots = await db.unit.findMany({ where: { parentId: null }, select: { id: true, path: true } });
  const managedRoots = roots.filter((r) => actorCan(actor, "user.manage", r)).map((r) => r.id);
  const orphans: Prisma.UserWhereInput = {
    memberships: { none: {} },
    OR: [{ rootUnitId: { in: managedRoots } }, ...(managedRoots.length === roots.length ? [{ rootUnitId: null }] : [])],
  };
  const where: Prisma.UserWhereInput = {
    AND: [
      { OR: [orphans, { memberships: { some: { unit: unitScope(actor, "user.manage") } } }] },
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

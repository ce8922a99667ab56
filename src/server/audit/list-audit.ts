import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { auditQuerySchema } from "@/schemas/audit";
import { actorCanAnywhere, unitScope, type Actor } from "@/server/auth/actor";
import { scopeFor } from "@/server/auth/policy";
import { db } from "@/server/db";
import { forbidden } from "@/server/errors";
import { loadAuditNames } from "@/server/audit/audit-names";
import { coversEveryTree } from "@/server/units/covers-every-tree";

export const AUDIT_PAGE_SIZE = 50;
/**
 * The log counts at most this many entries ("more than 1,000", 20 pages; older entries through the filters):
 * a national log holds millions (decision 0012). Counting to 10,000 on every view was most of the page's
 * database time; the post list counts to the same 1,000.
 */
export const AUDIT_COUNT_CAP = 1_000;
/**
 * The person filter lists everyone of the visible units up to this many; beyond (a national log has 2,500
 * people) it lists the people of the chosen unit, or of the reader's own units, and the chosen person.
 */
export const ACTOR_FILTER_ALL_MAX = 200;

/**
 * The audit log of the caller's subtrees. Entries are matched by unit id against the units the
 * caller may read *now*, not by the path stored with the entry, so a moved unit takes its history along.
 * Entries without a unit (user accounts) are for those who manage users.
 */
export async function listAudit(
  actor: Actor,
  query: unknown,
  /** checkScope: list the visible units even for a reader of every tree (the tests compare both ways). */
  options: { checkScope?: boolean } = {},
) {
  if (!actorCanAnywhere(actor, "audit.read")) throw forbidden();
  const q = auditQuerySchema.parse(query);
  const unitWhere: Prisma.UnitWhereInput = { AND: [unitScope(actor, "audit.read")] };
  if (q.unitId) {
    const root = await db.unit.findUnique({ where: { id: q.unitId }, select: { path: true } });
    (unitWhere.AND as Prisma.UnitWhereInput[]).push(root ? { path: { startsWith: root.path } } : { id: q.unitId });
  }
  // A reader of every tree (the national operator, SUPERADMIN) sees every unit's entries: no list of units.
  // Otherwise only the ids of the visible units; names are read for the page's own entries below. A national
  // list is 1,985 ids, sent as that many parameters by each of three statements: serialising and writing them
  // was most of the page's web CPU (decision 0012, sixth pass).
  const everything =
    !q.unitId && !options.checkScope && (await coversEveryTree(scopeFor(actor.memberships, "audit.read")));
  const unitIds = everything
    ? null
    : (await db.unit.findMany({ where: unitWhere, select: { id: true } })).map((u) => u.id);
  const scopes: Prisma.AuditLogWhereInput[] = [{ unitId: unitIds ? { in: unitIds } : { not: null } }];
  if (!q.unitId && actorCanAnywhere(actor, "user.manage")) scopes.push({ unitId: null });
  const visible: Prisma.AuditLogWhereInput = { OR: scopes };
  const where: Prisma.AuditLogWhereInput = {
    AND: [
      visible,
      q.actorId ? { actorId: q.actorId } : {},
      q.entityType ? { entityType: q.entityType } : {},
      q.entityId ? { entityId: q.entityId } : {},
    ],
  };
  const counted = await db.auditLog.count({ where, take: AUDIT_COUNT_CAP + 1 });
  const total = Math.min(counted, AUDIT_COUNT_CAP);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const memberOf = (ids: string[] | null): Prisma.UserWhereInput => ({
    memberships: { some: ids ? { unitId: { in: ids } } : {} },
  });
  const [rows, everyone] = await Promise.all([
    db.auditLog.findMany({
      where,
      select: {
        id: true,
        action: true,
        entityType: true,
        entityId: true,
        unitId: true,
        before: true,
        after: true,
        createdAt: true,
        actor: { select: { id: true, name: true, email: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    // The people of these units, for the actor filter: members of the visible units, one statement over the
    // memberships. (Reading who appears in the log meant reading every visible entry: Prisma's `distinct` is
    // done after fetching, 283,000 rows for the national log.) Anyone else's entries are still listed, and the
    // filter still takes any person's id from a link.
    db.user.findMany({ where: memberOf(unitIds), select: { id: true, name: true }, take: ACTOR_FILTER_ALL_MAX + 1 }),
  ]);
  const actorsPartial = everyone.length > ACTOR_FILTER_ALL_MAX;
  const visibleIds = unitIds ? new Set(unitIds) : null;
  const near = q.unitId
    ? [q.unitId]
    : actor.memberships.map((m) => m.unitId).filter((id) => !visibleIds || visibleIds.has(id));
  const listed = actorsPartial
    ? await db.user.findMany({ where: memberOf(near), select: { id: true, name: true }, take: ACTOR_FILTER_ALL_MAX })
    : everyone;
  // The person chosen in the filter stays in its list (the form shows the filter in force), if the reader
  // may see them at all.
  const chosen =
    q.actorId && !listed.some((a) => a.id === q.actorId)
      ? await db.user.findFirst({
          where: { id: q.actorId, memberships: { some: { unit: unitScope(actor, "audit.read") } } },
          select: { id: true, name: true },
        })
      : null;
  const actors = chosen ? [...listed, chosen] : listed;
  const pageUnits = [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const unitById = new Map(
    (pageUnits.length
      ? await db.unit.findMany({
          where: { id: { in: pageUnits } },
          select: { id: true, name: true, code: true, timeZone: true },
        })
      : []
    ).map((u) => [u.id, u]),
  );
  const items = rows.map(({ id, unitId, ...row }) => ({
    ...row,
    id: id.toString(),
    unit: unitId ? (unitById.get(unitId) ?? null) : null,
  }));
  // Every time is read on the reader's own clock: the zone of their top-most unit (decision 0010).
  const top = [...actor.memberships].sort((a, b) => a.unitPath.length - b.unitPath.length)[0];
  const [names, home] = await Promise.all([
    loadAuditNames(items),
    top ? db.unit.findUnique({ where: { id: top.unitId }, select: { timeZone: true } }) : null,
  ]);
  const actorOptions = [...actors].sort((a, b) => a.name.localeCompare(b.name, "id"));
  return {
    items,
    names,
    timeZone: home?.timeZone ?? "Asia/Jakarta",
    total,
    more: counted > AUDIT_COUNT_CAP,
    page,
    pages,
    actors: actorOptions,
    actorsPartial,
  };
}
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;

import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import { scopeFor } from "@/server/auth/policy";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

export type GroupUnit = { id: string; name: string; path: string; parentId: string | null };
const select = { id: true, name: true, path: true, parentId: true } as const;

const parentOfPath = (path: string) => path.split("/").filter(Boolean).at(-2) ?? null;

/**
 * Who may see a peer group (the units directly below `parent`): anyone who may read the parent's subtree,
 * and anyone whose own unit is one of the peers, so a Kapolda sees where his Polda stands among the 34.
 * Drilling into a unit still needs `leaderboard.read` on that unit.
 */
export function canViewGroup(actor: Actor, parent: { id: string; path: string }): boolean {
  return (
    actorCan(actor, "leaderboard.read", parent) ||
    scopeFor(actor.memberships, "leaderboard.read").some((p) => parentOfPath(p) === parent.id)
  );
}

/** The roots of the actor's reading scope, top first (a SUPERADMIN may have Mabes and Pemprov DKI). */
export async function scopeRoots(actor: Actor): Promise<GroupUnit[]> {
  const paths = scopeFor(actor.memberships, "leaderboard.read");
  const ids = paths.map((p) => p.split("/").filter(Boolean).at(-1)!);
  const units = await db.unit.findMany({
    where: { id: { in: ids } },
    select,
    orderBy: [{ depth: "asc" }, { name: "asc" }],
  });
  return units;
}

/**
 * The peer group shown when none is asked for: the units below the actor's top unit, or, for a unit with
 * nothing below it (a Polres), the group it belongs to itself.
 */
export async function resolvePeerGroup(actor: Actor, parentId?: string): Promise<GroupUnit> {
  if (parentId) {
    const parent = await db.unit.findUnique({ where: { id: parentId }, select });
    if (!parent || !canViewGroup(actor, parent)) throw notFound();
    return parent;
  }
  const [root] = await scopeRoots(actor);
  if (!root) throw notFound();
  const hasChildren = (await db.unit.count({ where: { parentId: root.id } })) > 0;
  if (hasChildren || !root.parentId) return root;
  return await db.unit.findUniqueOrThrow({ where: { id: root.parentId }, select });
}

/** Ancestors of a unit that the actor may open as peer groups, top first, for the breadcrumb. */
export async function groupTrail(actor: Actor, unit: GroupUnit): Promise<GroupUnit[]> {
  const ids = unit.path.split("/").filter(Boolean);
  const units = await db.unit.findMany({ where: { id: { in: ids } }, select });
  return ids.map((id) => units.find((u) => u.id === id)!).filter((u) => u && canViewGroup(actor, u));
}

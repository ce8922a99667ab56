import "server-only";
import { actorCan, unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { buildTree, type TreeNode } from "@/server/units/unit-tree";

type UnitRow = {
  id: string;
  name: string;
  code: string;
  kind: string;
  timeZone: string;
  parentId: string | null;
  path: string;
  accounts: number;
  subtreeAccounts: number;
  /** Accounts awaiting HQ's verification in this unit and below. */
  subtreeAwaiting: number;
  canManage: boolean;
};
export type UnitTreeNode = TreeNode<UnitRow>;

/** The caller's part of the tree, with registered (not disabled) accounts per unit and per subtree. */
export async function listUnitTree(actor: Actor): Promise<UnitTreeNode[]> {
  const scope = unitScope(actor, "unit.read");
  const [units, counts, awaiting] = await Promise.all([
    db.unit.findMany({
      where: scope,
      select: { id: true, name: true, code: true, kind: true, timeZone: true, parentId: true, path: true },
    }),
    db.socialAccount.groupBy({
      by: ["unitId"],
      where: { unit: scope, status: { not: "DISABLED" } },
      _count: { _all: true },
    }),
    db.socialAccount.groupBy({
      by: ["unitId"],
      where: { unit: scope, verification: "PENDING" },
      _count: { _all: true },
    }),
  ]);
  const own = new Map(counts.map((c) => [c.unitId, c._count._all]));
  const ownAwaiting = new Map(awaiting.map((c) => [c.unitId, c._count._all]));
  const roots = buildTree(
    units.map((u) => ({
      ...u,
      accounts: own.get(u.id) ?? 0,
      subtreeAccounts: 0,
      subtreeAwaiting: ownAwaiting.get(u.id) ?? 0,
      canManage: actorCan(actor, "unit.manage", u),
    })),
  );
  const total = (node: UnitTreeNode): number =>
    (node.subtreeAccounts = node.accounts + node.children.reduce((s, c) => s + total(c), 0));
  const awaitingBelow = (node: UnitTreeNode): number =>
    (node.subtreeAwaiting += node.children.reduce((s, c) => s + awaitingBelow(c), 0));
  roots.forEach(total);
  roots.forEach(awaitingBelow);
  return roots;
}

import "server-only";
import { unitScope, type Actor } from "@/server/auth/actor";
import { scopeFor, type Action } from "@/server/auth/policy";
import { db } from "@/server/db";
import { buildTree, flattenTree } from "@/server/units/unit-tree";

const optionSelect = { id: true, name: true, code: true, parentId: true, timeZone: true, path: true } as const;

/** The units where the caller may do `action`, in tree order, for the unit pickers of forms and filters. */
export async function listUnitOptions(actor: Actor, action: Action) {
  const units = await db.unit.findMany({ where: unitScope(actor, action), select: optionSelect });
  return flattenTree(buildTree(units));
}
export type UnitOption = Awaited<ReturnType<typeof listUnitOptions>>[number];

/**
 * Up to this many units a filter lists the whole tree; above it (a national tree holds ~2,000 units, a
 * 240 KB select sent twice with every list, calendar and audit page) it lists a path through the tree
 * (decision 0012, "Filters at national size").
 */
export const UNIT_FILTER_ALL_MAX = 300;

/**
 * The unit filter of the post list, the calendar and the audit log. A tree of at most UNIT_FILTER_ALL_MAX
 * units is listed whole. A larger one lists the chosen unit's line from the top of the caller's tree, the
 * chosen unit and the units directly below it (or, with none chosen, the top units and the level below
 * them): choosing a Polda and applying the filter shows its Polres, choosing a Polres its Polsek. The list is
 * bounded by one unit's number of children, whatever the size of the tree, and works without script.
 */
export async function listUnitFilterOptions(
  actor: Actor,
  action: Action,
  selectedId?: string,
): Promise<{ units: UnitOption[]; partial: boolean }> {
  const scope = unitScope(actor, action);
  const count = await db.unit.count({ where: scope, take: UNIT_FILTER_ALL_MAX + 1 });
  if (count <= UNIT_FILTER_ALL_MAX) return { units: await listUnitOptions(actor, action), partial: false };
  const selected = selectedId
    ? await db.unit.findFirst({ where: { AND: [scope, { id: selectedId }] }, select: { id: true, path: true } })
    : null;
  // The tops of the caller's tree (their units, or the units below them for actions done from above).
  const roots = scopeFor(actor.memberships, action).map((p) => p.split("/").filter(Boolean).at(-1)!);
  const units = await db.unit.findMany({
    where: {
      AND: [
        scope,
        {
          OR: [
            { id: { in: roots } },
            selected
              ? { OR: [{ id: { in: selected.path.split("/").filter(Boolean) } }, { parentId: selected.id }] }
              : { parentId: { in: roots } },
          ],
        },
      ],
    },
    select: optionSelect,
  });
  return { units: flattenTree(buildTree(units)), partial: true };
}

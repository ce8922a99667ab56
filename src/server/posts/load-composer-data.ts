import "server-only";
import type { ComposerAccount, ComposerGroup, ComposerUnit } from "@/schemas/composer";
import { rolePermissions } from "@/server/auth/policy";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { listUnitOptions } from "@/server/units/list-unit-options";

/** Everything the composer may offer this person: accounts and units where they may compose, and their groups. */
export async function loadComposerData(actor: Actor) {
  const scope = unitScope(actor, "post.compose");
  const [options, accounts, groups] = await Promise.all([
    listUnitOptions(actor, "post.compose"),
    db.socialAccount.findMany({
      // Only accounts HQ verified as official can be targeted (decision 0013).
      where: { unit: scope, status: { not: "DISABLED" }, verification: "VERIFIED" },
      // Select field by field: credentials must never reach the browser.
      select: {
        id: true,
        platform: true,
        handle: true,
        displayName: true,
        status: true,
        unit: { select: { id: true, name: true, path: true, timeZone: true } },
      },
      orderBy: [{ platform: "asc" }, { handle: "asc" }],
    }),
    db.targetGroup.findMany({
      where: { ownerId: actor.id },
      select: { id: true, name: true, accountIds: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const order = new Map(options.map((u, i) => [u.id, i]));
  const units: ComposerUnit[] = options.map((u) => ({
    id: u.id,
    name: u.name,
    path: u.path,
    level: u.level,
    timeZone: u.timeZone,
  }));
  const ownerUnits: ComposerUnit[] = actor.memberships
    .filter((m) => rolePermissions[m.role].has("post.compose"))
    .map((m) => units.find((u) => u.id === m.unitId))
    .filter((u): u is ComposerUnit => Boolean(u));
  // Below the membership units, any unit may own a post too (a Polres post written at the Polda).
  const owners = [...ownerUnits, ...units.filter((u) => !ownerUnits.some((o) => o.id === u.id))];
  return {
    units,
    ownerUnits: owners,
    // In the tree's order, so a unit's accounts sit under its parent's.
    accounts: accounts
      .map<ComposerAccount>((a) => ({
        id: a.id,
        platform: a.platform,
        handle: a.handle,
        displayName: a.displayName,
        status: a.status,
        unitId: a.unit.id,
        unitName: a.unit.name,
        unitPath: a.unit.path,
        timeZone: a.unit.timeZone,
      }))
      .sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!),
    groups: groups as ComposerGroup[],
    // The time a new schedule starts at (an hour from now), read on the server so that the page and
    // the browser's first render agree.
    suggestedTime: new Date(Date.now() + 60 * 60_000).toISOString(),
  };
}

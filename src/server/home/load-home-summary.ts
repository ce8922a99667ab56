import "server-only";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { listAccountsToReconnect } from "@/server/accounts/token-health";
import { loadMyDesk } from "@/server/posts/load-my-desk";

/** What the home page shows this person: counts in their subtree, their memberships and their desk. */
export async function loadHomeSummary(actor: Actor) {
  const scope = unitScope(actor, "account.read");
  const [units, accounts, needsReconnect, memberships, desk, toReconnect] = await Promise.all([
    db.unit.count({ where: scope }),
    db.socialAccount.count({ where: { unit: scope, status: { not: "DISABLED" } } }),
    db.socialAccount.count({ where: { unit: scope, status: "NEEDS_RECONNECT" } }),
    db.membership.findMany({
      where: { userId: actor.id },
      select: { role: true, unit: { select: { name: true } } },
    }),
    loadMyDesk(actor),
    listAccountsToReconnect(actor),
  ]);
  return { counts: { units, accounts, needsReconnect }, memberships, desk, toReconnect };
}

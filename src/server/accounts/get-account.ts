import "server-only";
import { z } from "zod";
import { actorCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { toAccountView } from "@/server/accounts/account-view";
import { listEligibleAdmins } from "@/server/accounts/list-eligible-admins";
import { renewingAccounts } from "@/server/accounts/token-health";
import { loadAccountFor } from "@/server/accounts/load-account";

/** One account for its detail page and GET /api/accounts/[id], with what the caller may do to it. */
export async function getAccount(actor: Actor, id: unknown) {
  const { id: accountId } = z.object({ id: z.uuid() }).parse({ id });
  const row = await loadAccountFor(actor, "account.read", accountId);
  const can = {
    update: actorCan(actor, "account.update", row.unit),
    disable: actorCan(actor, "account.disable", row.unit),
    // Pasting tokens: SUPERADMIN's fallback. Connecting through the platform (or LINE's page): account.link.
    connect: actorCan(actor, "account.connect", row.unit),
    link: actorCan(actor, "account.link", row.unit),
    assignAdmins: actorCan(actor, "account.assignAdmins", row.unit),
    // HQ decides on an awaiting account, unless the caller registered (or last changed) it.
    verify:
      row.verification === "PENDING" &&
      actorCan(actor, "account.verify", row.unit) &&
      (await db.socialAccount.findUniqueOrThrow({ where: { id: row.id }, select: { registeredById: true } }))
        .registeredById !== actor.id,
  };
  const [admins, eligibleAdmins, renewing] = await Promise.all([
    db.accountAdmin.findMany({
      where: { accountId },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    can.assignAdmins ? listEligibleAdmins(row.unit.path) : Promise.resolve([]),
    renewingAccounts([row]),
  ]);
  return {
    ...toAccountView(row),
    renews: renewing.has(row.id),
    admins: admins.map((a) => a.user),
    eligibleAdmins,
    can,
  };
}

import "server-only";
import { setAccountDisabledSchema } from "@/schemas/accounts";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { accountSelect, auditFields, credentialSummary, toAccountView } from "@/server/accounts/account-view";
import { loadAccountFor } from "@/server/accounts/load-account";

/** Disabling stops all publishing to the account; re-enabling returns it to work only if its credentials still hold. */
export async function setAccountDisabled(actor: Actor, input: unknown) {
  const data = setAccountDisabledSchema.parse(input);
  const before = await loadAccountFor(actor, "account.disable", data.id);
  const credentials = credentialSummary(before);
  const status = data.disabled
    ? "DISABLED"
    : credentials.connected && !credentials.expired
      ? "ACTIVE"
      : "NEEDS_RECONNECT";
  if ((before.status === "DISABLED") === data.disabled) return toAccountView(before);
  return db.$transaction(async (tx) => {
    const row = await tx.socialAccount.update({ where: { id: data.id }, data: { status }, select: accountSelect });
    await writeAudit(tx, {
      actorId: actor.id,
      action: data.disabled ? "account.disable" : "account.enable",
      entityType: "SocialAccount",
      entityId: row.id,
      unit: row.unit,
      before: auditFields(before),
      after: auditFields(row),
    });
    return toAccountView(row);
  });
}

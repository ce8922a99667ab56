import "server-only";
import { assignAdminsSchema } from "@/schemas/accounts";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadAccountFor } from "@/server/accounts/load-account";
import { listEligibleAdmins } from "@/server/accounts/list-eligible-admins";

/** Replaces the set of people who look after an account; each must work in the account's unit or above it. */
export async function assignAdmins(actor: Actor, input: unknown) {
  const data = assignAdminsSchema.parse(input);
  const account = await loadAccountFor(actor, "account.assignAdmins", data.id);
  const wanted = [...new Set(data.userIds)];
  const eligible = new Set((await listEligibleAdmins(account.unit.path)).map((u) => u.id));
  if (wanted.some((id) => !eligible.has(id))) {
    throw new AppError("VALIDATION", "validation", { userIds: "adminNotEligible" });
  }
  return db.$transaction(async (tx) => {
    const current = (
      await tx.accountAdmin.findMany({ where: { accountId: account.id }, select: { userId: true } })
    ).map((a) => a.userId);
    const removed = current.filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !current.includes(id));
    if (!removed.length && !added.length) return { userIds: current };
    await tx.accountAdmin.deleteMany({ where: { accountId: account.id, userId: { in: removed } } });
    await tx.accountAdmin.createMany({ data: added.map((userId) => ({ accountId: account.id, userId })) });
    // Emails rather than ids, so the log reads as who was assigned.
    const emails = new Map(
      (
        await tx.user.findMany({ where: { id: { in: [...current, ...wanted] } }, select: { id: true, email: true } })
      ).map((u) => [u.id, u.email]),
    );
    const named = (ids: string[]) => ids.map((id) => emails.get(id) ?? id).sort();
    await writeAudit(tx, {
      actorId: actor.id,
      action: "account.assignAdmins",
      entityType: "SocialAccount",
      entityId: account.id,
      unit: account.unit,
      before: { admins: named(current) },
      after: { admins: named(wanted) },
    });
    return { userIds: wanted };
  });
}

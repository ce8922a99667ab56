import "server-only";
import { rejectAccountSchema } from "@/schemas/verification";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadAccountFor } from "@/server/accounts/load-account";

/** A SUPERVISOR of an ancestor unit rejects an awaiting account with a reason the registering unit sees. */
export async function rejectAccount(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = rejectAccountSchema.parse(input);
  const row = await loadAccountFor(actor, "account.verify", data.id);
  const owner = await db.socialAccount.findUniqueOrThrow({ where: { id: row.id }, select: { registeredById: true } });
  if (owner.registeredById === actor.id) throw new AppError("FORBIDDEN", "verification.ownRegistration");
  if (row.verification !== "PENDING") throw new AppError("CONFLICT", "verification.alreadyDecided");
  return db.$transaction(async (tx) => {
    const { count } = await tx.socialAccount.updateMany({
      where: { id: row.id, verification: "PENDING" },
      data: {
        verification: "REJECTED",
        verificationNote: data.reason,
        verificationById: actor.id,
        verificationAt: new Date(),
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", "verification.alreadyDecided");
    await writeAudit(tx, {
      actorId: actor.id,
      action: "account.reject",
      entityType: "SocialAccount",
      entityId: row.id,
      unit: row.unit,
      before: { verification: "PENDING" },
      after: { verification: "REJECTED", reason: data.reason, handle: row.handle },
    });
    return { id: row.id };
  });
}

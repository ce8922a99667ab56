import "server-only";
import { verifyAccountsSchema } from "@/schemas/verification";
import { writeAudit } from "@/server/audit/write-audit";
import { actorCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { AppError, forbidden, notFound } from "@/server/errors";

/**
 * A SUPERVISOR of an ancestor unit verifies accounts as official, one or many at once (the queue's
 * checkboxes). All or nothing: any account the caller may not verify, registered themselves, or that someone
 * else decided meanwhile refuses the whole request. Each account gets its own audit entry.
 */
export async function verifyAccounts(actor: Actor, input: unknown): Promise<{ verified: number }> {
  const { ids } = verifyAccountsSchema.parse(input);
  const unique = [...new Set(ids)];
  const rows = await db.socialAccount.findMany({
    where: { id: { in: unique } },
    select: {
      id: true,
      handle: true,
      verification: true,
      registeredById: true,
      unit: { select: { id: true, path: true } },
    },
  });
  if (rows.length !== unique.length || rows.some((r) => !actorCan(actor, "account.read", r.unit))) throw notFound();
  if (rows.some((r) => !actorCan(actor, "account.verify", r.unit))) throw forbidden();
  if (rows.some((r) => r.registeredById === actor.id)) throw new AppError("FORBIDDEN", "verification.ownRegistration");
  if (rows.some((r) => r.verification !== "PENDING")) throw new AppError("CONFLICT", "verification.alreadyDecided");

  const now = new Date();
  return db.$transaction(async (tx) => {
    // The state is checked again in the write: two supervisors deciding at once cannot both win.
    const { count } = await tx.socialAccount.updateMany({
      where: { id: { in: unique }, verification: "PENDING" },
      data: { verification: "VERIFIED", verificationNote: null, verificationById: actor.id, verificationAt: now },
    });
    if (count !== unique.length) throw new AppError("CONFLICT", "verification.alreadyDecided");
    for (const row of rows) {
      await writeAudit(tx, {
        actorId: actor.id,
        action: "account.verify",
        entityType: "SocialAccount",
        entityId: row.id,
        unit: row.unit,
        before: { verification: "PENDING" },
        after: { verification: "VERIFIED", handle: row.handle },
      });
    }
    return { verified: count };
  });
}

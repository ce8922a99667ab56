import "server-only";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";

/** How many accounts wait for this person's verification (0 for anyone who verifies nothing). */
export async function countAwaitingVerification(actor: Actor): Promise<number> {
  return db.socialAccount.count({ where: { verification: "PENDING", unit: unitScope(actor, "account.verify") } });
}

import "server-only";
import { resetPasswordSchema } from "@/schemas/users";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { endSessions } from "@/server/auth/session-version";
import { liftSignInLock } from "@/server/auth/verify-sign-in";
import { db } from "@/server/db";
import { hashPassword } from "@/server/users/password";
import { loadManagedUser } from "@/server/users/user-access";

/** Sets a new password and lifts a sign-in lock; the audit entry records that it happened, not the password. */
export async function resetPassword(actor: Actor, input: unknown) {
  const data = resetPasswordSchema.parse(input);
  const user = await loadManagedUser(actor, data.id);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, failedLoginCount: 0, lockedUntil: null, lastFailedAt: null },
    });
    // Whoever held the old password is signed out everywhere (decision 0009).
    await endSessions(tx, user.id);
    await liftSignInLock(tx, user.email);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.resetPassword",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email },
    });
    return { id: user.id };
  });
}

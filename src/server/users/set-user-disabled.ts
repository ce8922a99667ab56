import "server-only";
import { setUserDisabledSchema } from "@/schemas/users";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { endSessions } from "@/server/auth/session-version";
import { liftSignInLock } from "@/server/auth/verify-sign-in";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadManagedUser, userAuditFields } from "@/server/users/user-access";

/** A disabled user cannot sign in, and their open sessions end at the next request (session-version.ts). */
export async function setUserDisabled(actor: Actor, input: unknown) {
  const data = setUserDisabledSchema.parse(input);
  if (data.disabled && data.id === actor.id)
    throw new AppError("VALIDATION", "cannotDisableSelf", { _form: "cannotDisableSelf" });
  const before = await loadManagedUser(actor, data.id);
  if ((before.disabledAt !== null) === data.disabled) return { id: before.id };
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: data.id },
      data: data.disabled ? { disabledAt: new Date() } : { disabledAt: null, failedLoginCount: 0, lockedUntil: null },
    });
    // Sessions opened before the user was disabled stay ended if the user is enabled again (decision 0009).
    if (data.disabled) await endSessions(tx, data.id);
    else await liftSignInLock(tx, after.email);
    await writeAudit(tx, {
      actorId: actor.id,
      action: data.disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: data.id,
      before: userAuditFields(before),
      after: userAuditFields(after),
    });
    return { id: after.id };
  });
}

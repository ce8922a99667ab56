import "server-only";
import { platformLabel, profileUrlFor } from "@/lib/platforms";
import { updateAccountSchema } from "@/schemas/accounts";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { accountConflicts } from "@/server/accounts/account-conflicts";
import { accountSelect, auditFields, toAccountView } from "@/server/accounts/account-view";
import { loadAccountFor } from "@/server/accounts/load-account";
import { startingVerification, verifiedFactsChanged } from "@/server/accounts/verification-state";
import { loadUnitFor } from "@/server/units/unit-access";
import { rethrowConflict } from "@/server/unique-violation";

export async function updateAccount(actor: Actor, input: unknown) {
  const data = updateAccountSchema.parse(input);
  const before = await loadAccountFor(actor, "account.update", data.id);
  // Moving an account to another unit needs the right on both ends.
  const unit = data.unitId === before.unit.id ? before.unit : await loadUnitFor(actor, "account.update", data.unitId);
  const profileUrl = data.profileUrl ?? profileUrlFor(before.platform, data.handle);
  // A new unit, handle or profile link is not what HQ verified: it is checked again.
  const recheck = verifiedFactsChanged(
    { unitId: before.unit.id, handle: before.handle, profileUrl: before.profileUrl },
    { unitId: unit.id, handle: data.handle, profileUrl },
  );
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.socialAccount.update({
        where: { id: data.id },
        data: {
          unitId: unit.id,
          handle: data.handle,
          displayName: data.displayName,
          platformAccountId: data.platformAccountId,
          profileUrl,
          verified: data.verified,
          ...(recheck ? { ...startingVerification(unit), registeredById: actor.id } : {}),
        },
        select: accountSelect,
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "account.update",
        entityType: "SocialAccount",
        entityId: row.id,
        unit: row.unit,
        before: auditFields(before),
        after: auditFields(row),
      });
      return toAccountView(row);
    });
  } catch (error) {
    rethrowConflict(error, accountConflicts, { platform: platformLabel[before.platform] });
  }
}

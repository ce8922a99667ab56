import "server-only";
import { randomUUID } from "node:crypto";
import { platformLabel, profileUrlFor } from "@/lib/platforms";
import { createAccountSchema } from "@/schemas/accounts";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { accountSelect, auditFields, toAccountView } from "@/server/accounts/account-view";
import { accountConflicts } from "@/server/accounts/account-conflicts";
import { startingVerification } from "@/server/accounts/verification-state";
import { loadUnitFor } from "@/server/units/unit-access";
import { rethrowConflict } from "@/server/unique-violation";

export async function createAccount(actor: Actor, input: unknown) {
  const data = createAccountSchema.parse(input);
  const unit = await loadUnitFor(actor, "account.create", data.unitId);
  const id = randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.socialAccount.create({
        data: {
          id,
          unitId: unit.id,
          platform: data.platform,
          handle: data.handle,
          displayName: data.displayName,
          platformAccountId: data.platformAccountId,
          profileUrl: data.profileUrl ?? profileUrlFor(data.platform, data.handle),
          verified: data.verified,
          // Nothing can be published before credentials are connected.
          status: "NEEDS_RECONNECT",
          // Below the top unit, HQ verifies it before it can be targeted.
          ...startingVerification(unit),
          registeredById: actor.id,
        },
        select: accountSelect,
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "account.create",
        entityType: "SocialAccount",
        entityId: id,
        unit,
        after: auditFields(row),
      });
      return toAccountView(row);
    });
  } catch (error) {
    rethrowConflict(error, accountConflicts, { platform: platformLabel[data.platform] });
  }
}

import "server-only";
import { fromZonedInput } from "@/lib/time";
import { connectCredentialsSchema } from "@/schemas/accounts";
import { writeAudit } from "@/server/audit/write-audit";
import type { Actor } from "@/server/auth/actor";
import { seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { accountSelect, credentialSummary, toAccountView } from "@/server/accounts/account-view";
import { loadAccountFor } from "@/server/accounts/load-account";
import { queueWebhookSubscription } from "@/server/interactions/subscribe-webhooks";
import { resumeAfterReconnect } from "@/server/publishing/await-reconnect";

/** Connects or replaces an account's tokens. They are sealed here and never returned, audited or logged. */
export async function connectCredentials(actor: Actor, input: unknown, now = new Date()) {
  const data = connectCredentialsSchema.parse(input);
  const before = await loadAccountFor(actor, "account.connect", data.id);
  // "2026-12-01T08:00" typed for a Balikpapan account means 08:00 WITA.
  const expiresAt = fromZonedInput(data.expiresAt, before.unit.timeZone);
  if (!expiresAt || Number.isNaN(expiresAt.getTime()))
    throw new AppError("VALIDATION", "validation", { expiresAt: "expiryInvalid" });
  if (expiresAt <= now) throw new AppError("VALIDATION", "validation", { expiresAt: "expiryPast" });

  const row = await db.$transaction(async (tx) => {
    const updated = await tx.socialAccount.update({
      where: { id: data.id },
      data: {
        accessTokenEnc: seal(data.accessToken),
        refreshTokenEnc: data.refreshToken ? seal(data.refreshToken) : null,
        tokenExpiresAt: expiresAt,
        credentialsUpdatedAt: now,
        // New tokens: Meta's webhooks for the account are subscribed again (subscribe-webhooks.ts).
        ...(before.platform === "FACEBOOK_PAGE" || before.platform === "INSTAGRAM"
          ? { webhooksSubscribedAt: null }
          : {}),
        ...(before.status === "DISABLED" ? {} : { status: "ACTIVE" as const }),
      },
      select: accountSelect,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "account.connect",
      entityType: "SocialAccount",
      entityId: updated.id,
      unit: updated.unit,
      before: { status: before.status, credentials: credentialSummary(before, now) },
      after: {
        status: updated.status,
        credentials: credentialSummary(updated, now),
        withRefreshToken: Boolean(data.refreshToken),
      },
    });
    return updated;
  });
  logger.info({ accountId: row.id, actorId: actor.id, expiresAt }, "account credentials connected");
  // Targets that waited for this account's reconnect go now.
  if (before.status === "NEEDS_RECONNECT" && row.status === "ACTIVE") await resumeAfterReconnect(row.id);
  await queueWebhookSubscription(row.id, before.platform);
  return toAccountView(row);
}

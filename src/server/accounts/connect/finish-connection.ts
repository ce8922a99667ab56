import "server-only";
import { randomUUID } from "node:crypto";
import type { Platform } from "@/generated/prisma/enums";
import { profileUrlFor } from "@/lib/platforms";
import type { ConnectedAccount } from "@/platforms/connect";
import { connectionCallbackSchema, type ConnectRefusal } from "@/schemas/connect";
import { writeAudit } from "@/server/audit/write-audit";
import { actorCan, type Actor } from "@/server/auth/actor";
import { open, seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { queueWebhookSubscription } from "@/server/interactions/subscribe-webhooks";
import { logger } from "@/server/logger";
import { accountSelect, auditFields, credentialSummary } from "@/server/accounts/account-view";
import { connectorFor, connectSlugs, type ConnectSlug } from "@/server/accounts/connect/connectors";
import { sha256 } from "@/server/accounts/connect/start-connection";
import { startingVerification } from "@/server/accounts/verification-state";
import { resumeAfterReconnect } from "@/server/publishing/await-reconnect";
import { unitSelect } from "@/server/units/unit-access";

// Step two of "Sambungkan akun": the platform sent the person back. The state must be ours, for this person
// in this browser, unused and in time; then the code becomes tokens and an identity, and the account is
// registered under the unit chosen at the start, or reconnected if it is already there. Nothing is
// written on any refusal. Tokens are sealed and never returned, logged or audited.

type ConnectionResult =
  | { kind: "connected"; accountId: string; platform: string; reconnected: boolean }
  /** Facebook: the person manages Pages; the operator picks which to register (pick-pages.ts). */
  | { kind: "pick"; connectionId: string; platform: string }
  | { kind: "refused"; reason: ConnectRefusal; platform: string };

export async function finishConnection(
  actor: Actor,
  slug: ConnectSlug,
  input: { query: unknown; nonce: string | undefined },
  now = new Date(),
): Promise<ConnectionResult> {
  const platform = connectSlugs[slug];
  const refused = (reason: ConnectRefusal): ConnectionResult => ({ kind: "refused", reason, platform });
  const query = connectionCallbackSchema.safeParse(input.query);
  if (!query.success || !query.data.state) return refused("stateInvalid");
  const row = await db.oauthConnection.findUnique({ where: { stateHash: sha256(query.data.state) } });
  // A state that is not ours, or another person's: the same answer, nothing learned.
  if (!row || row.platform !== platform || row.userId !== actor.id) return refused("stateInvalid");
  // Their own link again (a replay, a reload): said plainly, even after the browser's nonce is gone.
  if (row.usedAt) return refused("stateUsed");
  // Another browser than the one that started: refused before the state is spent.
  if (!input.nonce || sha256(input.nonce) !== row.nonceHash) return refused("stateInvalid");
  if (row.expiresAt <= now) return refused("stateExpired");
  // Used once: of two requests with the same state only one gets past here.
  const claimed = await db.oauthConnection.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) return refused("stateUsed");
  if (query.data.error) return refused(query.data.error === "access_denied" ? "denied" : "platformError");
  if (!query.data.code) return refused("platformError");

  const unit = await db.unit.findUniqueOrThrow({ where: { id: row.unitId }, select: unitSelect });
  // Rights are read again: a membership removed during the detour counts.
  if (!actorCan(actor, "account.link", unit)) return refused("forbidden");
  const connector = connectorFor(slug);
  if (!connector) return refused("notConfigured");
  const outcome = await connector.complete({
    code: query.data.code,
    codeVerifier: row.codeVerifierEnc ? open(row.codeVerifierEnc) : null,
  });
  if (outcome.kind === "wrong_account") return refused(outcome.reason ?? "wrongAccount");
  if (outcome.kind === "failed") {
    logger.warn(
      { platform, actorId: actor.id, message: outcome.message },
      "account connection refused by the platform",
    );
    return refused("exchangeFailed");
  }
  if (slug === "facebook") {
    // Kept sealed for the pick only; erased once the operator has chosen (or with the row).
    await db.oauthConnection.update({
      where: { id: row.id },
      data: { pendingAccountsEnc: seal(JSON.stringify(outcome.accounts)) },
    });
    return { kind: "pick", connectionId: row.id, platform };
  }
  const [connected] = outcome.accounts;
  if (!connected) return refused("exchangeFailed");
  return register(actor, platform, unit, connected, now);
}

type RegisterResult = Exclude<ConnectionResult, { kind: "pick" }>;

export type ConnectUnit = { id: string; name: string; code: string; path: string; depth: number; timeZone: string };

/**
 * Registers what the platform said under the unit, or reconnects it if it is already there (tokens replaced);
 * refuses an account registered under another unit. Audited either way, tokens never.
 */
export async function register(
  actor: Actor,
  platform: Platform,
  unit: ConnectUnit,
  connected: ConnectedAccount,
  now: Date,
  /** LINE: the channel secret that verifies its webhook deliveries; left out, a kept one stays. */
  extra: { webhookSecret?: string | undefined } = {},
): Promise<RegisterResult> {
  const refused = (reason: ConnectRefusal): RegisterResult => ({ kind: "refused", reason, platform });
  const handle = connected.handle.toLowerCase();
  const tokens = {
    accessTokenEnc: seal(connected.tokens.accessToken),
    refreshTokenEnc: connected.tokens.refreshToken ? seal(connected.tokens.refreshToken) : null,
    tokenExpiresAt: connected.tokens.expiresAt,
    refreshTokenExpiresAt: connected.tokens.refreshExpiresAt,
    credentialsUpdatedAt: now,
    ...(extra.webhookSecret ? { webhookSecretEnc: seal(extra.webhookSecret) } : {}),
    // A new token is a new installation to make: Meta's webhooks for it are subscribed again (below).
    ...(platform === "FACEBOOK_PAGE" || platform === "INSTAGRAM" ? { webhooksSubscribedAt: null } : {}),
  };
  const result = await db.$transaction(async (tx): Promise<RegisterResult> => {
    const existing = await tx.socialAccount.findUnique({
      where: { platform_platformAccountId: { platform, platformAccountId: connected.platformAccountId } },
      select: accountSelect,
    });
    if (existing && existing.unit.id !== unit.id) return refused("registeredElsewhere");
    const sameHandle = await tx.socialAccount.findUnique({
      where: { platform_handle: { platform, handle } },
      select: { id: true },
    });
    if (sameHandle && sameHandle.id !== existing?.id) return refused("handleTaken");
    if (existing) {
      const updated = await tx.socialAccount.update({
        where: { id: existing.id },
        data: {
          ...tokens,
          handle,
          displayName: connected.displayName,
          ...(existing.status === "DISABLED" ? {} : { status: "ACTIVE" as const }),
        },
        select: accountSelect,
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "account.connect",
        entityType: "SocialAccount",
        entityId: existing.id,
        unit,
        before: { status: existing.status, handle: existing.handle, credentials: credentialSummary(existing, now) },
        after: {
          status: updated.status,
          handle: updated.handle,
          credentials: credentialSummary(updated, now),
          via: "oauth",
          withRefreshToken: Boolean(connected.tokens.refreshToken),
          ...(extra.webhookSecret ? { withWebhookSecret: true } : {}),
        },
      });
      return { kind: "connected", accountId: existing.id, platform, reconnected: true };
    }
    const id = randomUUID();
    const created = await tx.socialAccount.create({
      data: {
        id,
        unitId: unit.id,
        platform,
        handle,
        displayName: connected.displayName,
        platformAccountId: connected.platformAccountId,
        profileUrl: profileUrlFor(platform, handle),
        status: "ACTIVE",
        ...startingVerification(unit),
        registeredById: actor.id,
        ...tokens,
      },
      select: accountSelect,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "account.create",
      entityType: "SocialAccount",
      entityId: id,
      unit,
      after: {
        ...auditFields(created),
        credentials: credentialSummary(created, now),
        via: "oauth",
        withRefreshToken: Boolean(connected.tokens.refreshToken),
        ...(extra.webhookSecret ? { withWebhookSecret: true } : {}),
      },
    });
    return { kind: "connected", accountId: id, platform, reconnected: false };
  });
  // Targets that waited for this account's reconnect go now.
  if (result.kind === "connected" && result.reconnected) await resumeAfterReconnect(result.accountId);
  if (result.kind === "connected") await queueWebhookSubscription(result.accountId, platform);
  return result;
}

import "server-only";
import type { Credentials, PlatformAdapter } from "@/platforms/types";
import { writeAudit } from "@/server/audit/write-audit";
import { open, seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";

// Refreshes an account's token once for everyone. Refresh tokens rotate (X, TikTok), so two jobs
// refreshing in parallel would kill each other's token: the account row is locked, and a job that
// finds the token already replaced since it failed simply uses the new one.

export type RefreshResult =
  | { kind: "refreshed"; credentials: Credentials }
  | { kind: "reconnect"; message: string }
  | { kind: "transient"; message: string };

export async function refreshAccountToken(input: {
  accountId: string;
  failedAccessToken: string;
  adapter: PlatformAdapter;
  timeoutMs: number;
}): Promise<RefreshResult> {
  const result = await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM social_accounts WHERE id = ${input.accountId}::uuid FOR UPDATE`;
      const a = await tx.socialAccount.findUniqueOrThrow({
        where: { id: input.accountId },
        select: {
          id: true,
          handle: true,
          platformAccountId: true,
          accessTokenEnc: true,
          refreshTokenEnc: true,
          unit: { select: { id: true, path: true } },
        },
      });
      if (!a.accessTokenEnc) return { kind: "reconnect", message: "The account has no stored token" } as const;
      const current: Credentials = {
        accessToken: open(a.accessTokenEnc),
        refreshToken: a.refreshTokenEnc ? open(a.refreshTokenEnc) : null,
      };
      if (current.accessToken !== input.failedAccessToken) return { kind: "refreshed", credentials: current } as const;
      const r = await input.adapter.refreshToken({ platformAccountId: a.platformAccountId, handle: a.handle }, current);
      if (r.kind !== "refreshed") return r;
      const now = new Date();
      await tx.socialAccount.update({
        where: { id: a.id },
        data: {
          accessTokenEnc: seal(r.tokens.accessToken),
          // Store the newest refresh token: the old one stops working on platforms that rotate them.
          ...(r.tokens.refreshToken ? { refreshTokenEnc: seal(r.tokens.refreshToken) } : {}),
          tokenExpiresAt: r.tokens.expiresAt,
          ...(r.tokens.refreshExpiresAt ? { refreshTokenExpiresAt: r.tokens.refreshExpiresAt } : {}),
          credentialsUpdatedAt: now,
        },
      });
      await writeAudit(tx, {
        actorId: null,
        action: "account.tokenRefreshed",
        entityType: "SocialAccount",
        entityId: a.id,
        unit: a.unit,
        after: { tokenExpiresAt: r.tokens.expiresAt },
      });
      return {
        kind: "refreshed",
        credentials: { accessToken: r.tokens.accessToken, refreshToken: r.tokens.refreshToken ?? current.refreshToken },
      } as const;
    },
    { timeout: input.timeoutMs + 10_000, maxWait: 10_000 },
  );
  return result;
}

/** The platform refused the account's credentials for good: a person must connect it again. */
export async function markNeedsReconnect(accountId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const a = await tx.socialAccount.findUnique({
      where: { id: accountId },
      select: { status: true, unit: { select: { id: true, path: true } } },
    });
    if (!a || a.status !== "ACTIVE") return;
    await tx.socialAccount.update({ where: { id: accountId }, data: { status: "NEEDS_RECONNECT" } });
    await writeAudit(tx, {
      actorId: null,
      action: "account.needsReconnect",
      entityType: "SocialAccount",
      entityId: accountId,
      unit: a.unit,
      before: { status: a.status },
      after: { status: "NEEDS_RECONNECT", reason },
    });
  });
}

import "server-only";
import type { Adapters } from "@/platforms/registry";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { markNeedsReconnect, refreshAccountToken } from "@/server/publishing/refresh-account-token";

// The daily token run (docs/decisions/0008-real-platforms.md "Token health"): what can renew itself is
// renewed well before it ends, so nobody meets an expired token at publishing time, and a token the
// platform has revoked is found here, on a quiet morning, instead of by a post.

/** Instagram's 60-day token is renewed once 15 days or fewer remain (it can be, from 24 hours of age). */
const INSTAGRAM_AHEAD_MS = 15 * 86_400_000;
const INSTAGRAM_MIN_AGE_MS = 86_400_000;
/** Refresh tokens (X, YouTube, TikTok) are used once a day: TikTok's rotate and expire unused. */
const WITH_REFRESH_TOKEN = ["X", "YOUTUBE", "TIKTOK"] as const;

export type RefreshRun = { refreshed: number; needReconnect: number; failed: number };

export async function refreshTokensAhead(deps: {
  adapters: Adapters;
  timeoutMs: number;
  now?: Date;
  /** Only these accounts (tests run beside each other); all accounts when left out. */
  accountIds?: readonly string[];
}): Promise<RefreshRun> {
  const now = deps.now ?? new Date();
  const due = await db.socialAccount.findMany({
    where: {
      status: "ACTIVE",
      accessTokenEnc: { not: null },
      ...(deps.accountIds ? { id: { in: [...deps.accountIds] } } : {}),
      OR: [
        {
          platform: "INSTAGRAM",
          tokenExpiresAt: { gt: now, lte: new Date(now.getTime() + INSTAGRAM_AHEAD_MS) },
          credentialsUpdatedAt: { lte: new Date(now.getTime() - INSTAGRAM_MIN_AGE_MS) },
        },
        { platform: { in: [...WITH_REFRESH_TOKEN] }, refreshTokenEnc: { not: null } },
      ],
    },
    select: { id: true, platform: true, accessTokenEnc: true },
    take: 10_000,
  });
  const run: RefreshRun = { refreshed: 0, needReconnect: 0, failed: 0 };
  for (const a of due) {
    try {
      const r = await refreshAccountToken({
        accountId: a.id,
        failedAccessToken: open(a.accessTokenEnc!),
        adapter: deps.adapters[a.platform],
        timeoutMs: deps.timeoutMs,
      });
      if (r.kind === "refreshed") run.refreshed += 1;
      else if (r.kind === "reconnect") {
        // Refused for good (revoked, expired refresh token): a person must connect it; its targets wait.
        await markNeedsReconnect(a.id, r.message);
        run.needReconnect += 1;
      } else run.failed += 1;
    } catch (error) {
      logger.warn({ err: error, accountId: a.id }, "token refresh ahead failed");
      run.failed += 1;
    }
  }
  if (due.length > 0) logger.info({ accounts: due.length, ...run }, "tokens refreshed ahead");
  return run;
}

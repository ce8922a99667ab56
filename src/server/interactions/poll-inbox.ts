import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import type { InboxReaders } from "@/platforms/inbox/readers";
import type { ReadOutcome } from "@/platforms/inbox/types";
import type { Adapters } from "@/platforms/registry";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { storeInteractions } from "@/server/interactions/store-interactions";
import { markNeedsReconnect, refreshAccountToken } from "@/server/publishing/refresh-account-token";
import type { RateLimiter } from "@/worker/rate-limiter";

// Polled ingestion (decision 0011 "Polled ingestion", docs/platforms.md "Reading citizens"): where a platform does
// not push, a repeating round gives each due account a job of its own, and that job reads the account's new
// comments and mentions from the platform, stores each once (storeInteractions: (platform, external id) unique)
// and moves the account's cursor. Calls go through the read limiter so the platform's windows are never
// overrun; a refused token is refreshed once, and if the platform refuses that too the account is marked
// NEEDS_RECONNECT, as publishing does.

/**
 * Facebook and Instagram are polled where Meta's webhooks are not set up (no app secret to verify them), and,
 * where they are, for each account until Siar's app is installed on it (subscribe-webhooks.ts): Meta sends an
 * account nothing before that, and a subscription Meta refused must not leave the account unread.
 */
const polled: Prisma.SocialAccountWhereInput = { platform: { in: ["X", "YOUTUBE"] } };
const meta: Platform[] = ["FACEBOOK_PAGE", "INSTAGRAM"];
function polledAccounts(metaWebhooks: boolean): Prisma.SocialAccountWhereInput {
  return {
    OR: [polled, { platform: { in: meta }, ...(metaWebhooks ? { webhooksSubscribedAt: null } : {}) }],
  };
}

/** Recent posts read for comments on Facebook and Instagram: the newest of the last two weeks. */
const RECENT_POSTS = 10;
const RECENT_DAYS = 14;
const ROUND_MAX = 5_000;

/** Accounts whose last attempt is older than `everyMs` (or that were never polled), oldest first. */
export async function dueAccounts(opts: { metaWebhooks: boolean; everyMs: number; now?: Date }): Promise<string[]> {
  const now = opts.now ?? new Date();
  const before = new Date(now.getTime() - opts.everyMs + 1_000);
  const rows = await db.socialAccount.findMany({
    where: {
      status: "ACTIVE",
      accessTokenEnc: { not: null },
      AND: [
        polledAccounts(opts.metaWebhooks),
        { OR: [{ inboxCursor: null }, { inboxCursor: { attemptedAt: { lt: before } } }] },
      ],
    },
    select: { id: true },
    orderBy: { inboxCursor: { attemptedAt: "asc" } },
    take: ROUND_MAX,
  });
  return rows.map((r) => r.id);
}

export type PollDeps = {
  readers: InboxReaders;
  adapters: Adapters;
  limiter: RateLimiter;
  timeoutMs: number;
};

export type PollResult =
  | { kind: "stored"; found: number; stored: number; limited: boolean }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; reason: string };

async function record(accountId: string, data: { cursor?: string | null; polled: boolean; error: string | null }) {
  const now = new Date();
  const fields = {
    attemptedAt: now,
    lastError: data.error?.slice(0, 500) ?? null,
    ...(data.polled ? { polledAt: now } : {}),
    ...(data.cursor !== undefined ? { cursor: data.cursor } : {}),
  };
  await db.inboxCursor.upsert({ where: { accountId }, create: { accountId, ...fields }, update: fields });
}

export async function pollAccount(accountId: string, deps: PollDeps): Promise<PollResult> {
  const account = await db.socialAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      platform: true,
      status: true,
      handle: true,
      platformAccountId: true,
      accessTokenEnc: true,
      inboxCursor: { select: { cursor: true } },
    },
  });
  if (!account || account.status !== "ACTIVE" || !account.accessTokenEnc)
    return { kind: "skipped", reason: "not an active connected account" };
  const reader = deps.readers[account.platform];
  if (!reader) return { kind: "skipped", reason: "platform is not polled" };
  const cursor = account.inboxCursor?.cursor ?? null;
  const recentPostIds =
    account.platform === "FACEBOOK_PAGE" || account.platform === "INSTAGRAM"
      ? (
          await db.postTarget.findMany({
            where: {
              accountId,
              platformPostId: { not: null },
              publishedAt: { gt: new Date(Date.now() - RECENT_DAYS * 86_400_000) },
            },
            select: { platformPostId: true },
            orderBy: { publishedAt: "desc" },
            take: RECENT_POSTS,
          })
        ).map((t) => t.platformPostId!)
      : [];
  let calls = 0;
  const budget = async () => {
    const r = await deps.limiter.reserve(account.platform, accountId, `read-${accountId}-${Date.now()}-${++calls}`);
    return r.waitMs === 0;
  };
  const read = (accessToken: string): Promise<ReadOutcome> =>
    reader({
      account: { platformAccountId: account.platformAccountId, handle: account.handle },
      accessToken,
      cursor,
      recentPostIds,
      budget,
    });

  const accessToken = open(account.accessTokenEnc);
  let outcome = await read(accessToken);
  if (outcome.kind === "failed" && outcome.error.kind === "auth") {
    const refreshed = await refreshAccountToken({
      accountId,
      failedAccessToken: accessToken,
      adapter: deps.adapters[account.platform],
      timeoutMs: deps.timeoutMs,
    });
    if (refreshed.kind === "reconnect") {
      await record(accountId, { polled: false, error: `refused: ${refreshed.message}` });
      await markNeedsReconnect(accountId, refreshed.message);
      return { kind: "failed", reason: "the platform refused the account's token" };
    }
    if (refreshed.kind === "transient") {
      await record(accountId, { polled: false, error: refreshed.message });
      return { kind: "failed", reason: refreshed.message };
    }
    outcome = await read(refreshed.credentials.accessToken);
    if (outcome.kind === "failed" && outcome.error.kind === "auth") {
      // A fresh token refused at once: the permission is gone (revoked, or a scope taken away).
      await record(accountId, { polled: false, error: `refused: ${outcome.error.message}` });
      await markNeedsReconnect(accountId, outcome.error.message);
      return { kind: "failed", reason: "the platform refused the account's token" };
    }
  }
  if (outcome.kind === "failed") {
    const e = outcome.error;
    const reason = e.kind === "rate_limited" ? `rate limited until ${e.retryAt.toISOString()}` : e.message;
    logger.warn({ accountId, platform: account.platform, kind: e.kind }, "Could not read the account's comments");
    await record(accountId, { polled: false, error: reason });
    return { kind: "failed", reason };
  }
  const stored = await storeInteractions(
    outcome.items.map((i) => ({ ...i, platform: account.platform, accountPlatformId: account.platformAccountId })),
  );
  await record(accountId, {
    cursor: outcome.cursor,
    polled: true,
    error: outcome.limited ? "the platform's limit window is full; the rest is read later" : null,
  });
  return { kind: "stored", found: outcome.items.length, stored, limited: outcome.limited };
}

import "server-only";
import type { FetchMentionPayload } from "@/jobs/contract";
import { backoffDelay } from "@/jobs/backoff";
import type { MentionLookup } from "@/platforms/inbox/graph";
import type { ReadFailure } from "@/platforms/inbox/types";
import type { Adapters } from "@/platforms/registry";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { storeInteractions } from "@/server/interactions/store-interactions";
import { markNeedsReconnect, refreshAccountToken } from "@/server/publishing/refresh-account-token";
import type { RateLimiter } from "@/worker/rate-limiter";

// Instagram mentions (issue 16 item 2; decision 0011 "Ingestion by webhook"). Meta's `mentions` webhook names
// only the media and the comment; the words are read with the account's own token (mentioned_comment or
// mentioned_media on the account) by the job `interactions.fetchMention`, one per mention (its job id is the
// mention's, so a webhook delivered three times is one job), and stored once like any item. The read takes a
// slot from the account's Graph window (the read limiter, shared with polling): a full window delays the job, it
// does not fail it. A refused token is refreshed once; refused again, the account is marked for reconnecting and
// the mention is read after the reconnect (the job waits an hour at a time). A mention Instagram will not show
// (deleted, comments turned off, error 100) is dropped with a log line: nothing could be answered there either.

export type FetchMentionDeps = { lookup: MentionLookup; adapters: Adapters; limiter: RateLimiter; timeoutMs: number };

export type MentionStep =
  | { kind: "stored"; stored: number }
  | { kind: "dropped"; reason: string }
  | { kind: "retry_at"; at: Date; attempt: number };

/** Transient failures and waits for a reconnect are tried this many times (about a day with the waits below). */
export const MENTION_MAX_ATTEMPTS = 24;
const RECONNECT_WAIT_MS = 3_600_000;
const BACKOFF_BASE_MS = 30_000;

export async function fetchMention(payload: FetchMentionPayload, deps: FetchMentionDeps): Promise<MentionStep> {
  const externalId = payload.commentId ?? payload.mediaId;
  const account = await db.socialAccount.findFirst({
    where: { platform: "INSTAGRAM", platformAccountId: payload.accountPlatformId },
    select: { id: true, status: true, accessTokenEnc: true },
  });
  if (!account) return { kind: "dropped", reason: "an Instagram account Siar does not hold" };
  const stored = await db.interaction.findUnique({
    where: { platform_externalId: { platform: "INSTAGRAM", externalId } },
    select: { id: true },
  });
  if (stored) return { kind: "stored", stored: 0 };
  const later = (ms: number, attempt: number, why: string): MentionStep =>
    attempt > MENTION_MAX_ATTEMPTS
      ? { kind: "dropped", reason: `${why} (gave up after ${MENTION_MAX_ATTEMPTS} attempts)` }
      : { kind: "retry_at", at: new Date(Date.now() + ms), attempt };
  if (account.status === "DISABLED") return { kind: "dropped", reason: "the account is disabled" };
  if (account.status !== "ACTIVE" || !account.accessTokenEnc)
    return later(RECONNECT_WAIT_MS, payload.attempt + 1, "the account must be connected again");

  const slot = await deps.limiter.reserve("INSTAGRAM", account.id, `mention-${externalId}-${Date.now()}`);
  // The account's Graph window is full: wait for it; this is not an attempt.
  if (slot.waitMs > 0) return { kind: "retry_at", at: new Date(Date.now() + slot.waitMs), attempt: payload.attempt };
  const ask = (accessToken: string) =>
    deps.lookup({
      igUserId: payload.accountPlatformId,
      accessToken,
      mediaId: payload.mediaId,
      commentId: payload.commentId,
    });
  const token = open(account.accessTokenEnc);
  let got = await ask(token);
  if (got.kind === "failed" && got.error.kind === "auth") {
    const refreshed = await refreshAccountToken({
      accountId: account.id,
      failedAccessToken: token,
      adapter: deps.adapters.INSTAGRAM,
      timeoutMs: deps.timeoutMs,
    });
    if (refreshed.kind === "reconnect") {
      await markNeedsReconnect(account.id, refreshed.message);
      return later(RECONNECT_WAIT_MS, payload.attempt + 1, "the platform refused the account's token");
    }
    if (refreshed.kind === "transient")
      return later(backoffDelay(payload.attempt + 1, BACKOFF_BASE_MS), payload.attempt + 1, refreshed.message);
    got = await ask(refreshed.credentials.accessToken);
    if (got.kind === "failed" && got.error.kind === "auth") {
      await markNeedsReconnect(account.id, got.error.message);
      return later(RECONNECT_WAIT_MS, payload.attempt + 1, "the platform refused the account's token");
    }
  }
  if (got.kind === "ok")
    return {
      kind: "stored",
      stored: await storeInteractions([
        { ...got.item, platform: "INSTAGRAM", accountPlatformId: payload.accountPlatformId },
      ]),
    };
  return afterFailure(got.error, payload);
}

function afterFailure(error: ReadFailure, payload: FetchMentionPayload): MentionStep {
  switch (error.kind) {
    case "rate_limited":
      // Instagram did not look at the request: not an attempt.
      return { kind: "retry_at", at: error.retryAt, attempt: payload.attempt };
    case "transient":
      return payload.attempt + 1 > MENTION_MAX_ATTEMPTS
        ? { kind: "dropped", reason: `${error.message} (gave up after ${MENTION_MAX_ATTEMPTS} attempts)` }
        : {
            kind: "retry_at",
            at: new Date(Date.now() + backoffDelay(payload.attempt + 1, BACKOFF_BASE_MS)),
            attempt: payload.attempt + 1,
          };
    default:
      return { kind: "dropped", reason: error.message };
  }
}

/** Logs a dropped mention without the citizen's words (ids only). */
export function logMentionStep(payload: FetchMentionPayload, step: MentionStep): void {
  if (step.kind === "dropped")
    logger.warn(
      {
        account: payload.accountPlatformId,
        mediaId: payload.mediaId,
        commentId: payload.commentId,
        reason: step.reason,
      },
      "Instagram mention not stored",
    );
}

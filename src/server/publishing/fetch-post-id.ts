import "server-only";
import type { Platform } from "@/generated/prisma/enums";
import type { Adapters } from "@/platforms/registry";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { askStatus } from "@/server/publishing/check-unconfirmed-target";
import { loadPublishRequest } from "@/server/publishing/load-publish-request";
import { AWAITING_POST_ID, POST_ID_MISSING } from "@/server/publishing/record-outcome";
import { markNeedsReconnect, refreshAccountToken } from "@/server/publishing/refresh-account-token";

// A target published without its post id (TikTok names a public video only after moderation, docs/platforms.md
// "TikTok") is asked about again and again, backing off, until the id comes or POST_ID_GIVE_UP_MS has passed since
// it went out. Only the status of the saved publish_id is asked: nothing is ever sent again. The id, the link and
// the end of the wait are audited; engagement is collected from the moment the id is there (select-due-targets.ts
// reads only targets with an id).

export type PostIdStep =
  | { kind: "done" }
  /** Ask again later (the next look, with its backoff). */
  | { kind: "check_again"; delayMs: number }
  /** The account's share of the status-poll limit is used up: this same look, later. */
  | { kind: "wait"; ms: number };

/** Looks back off from POST_ID_CHECK_DELAY_MS, doubling, to at most an hour apart. */
const MAX_DELAY_MS = 3_600_000;
export const postIdDelay = (check: number, firstMs: number) =>
  Math.min(MAX_DELAY_MS, firstMs * 2 ** Math.min(20, Math.max(0, check - 1)));

type Waiting = {
  status: string;
  lastErrorKind: string | null;
  publishedAt: Date | null;
  post: { unit: { id: string; path: string } };
};

/** Writes the id (or the end of the wait) only if the target still waits for it, with its audit entry. */
async function settle(
  targetId: string,
  target: Waiting,
  change: { platformPostId: string; platformUrl: string | null } | { missing: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const data =
      "missing" in change
        ? { lastErrorKind: POST_ID_MISSING, lastError: change.missing }
        : { ...change, lastErrorKind: null, lastError: null };
    const moved = await tx.postTarget.updateMany({
      where: { id: targetId, status: "PUBLISHED", lastErrorKind: AWAITING_POST_ID, platformPostId: null },
      data,
    });
    if (moved.count === 0) return;
    await writeAudit(tx, {
      actorId: null,
      action: "missing" in change ? "target.postIdMissing" : "target.postIdReceived",
      entityType: "PostTarget",
      entityId: targetId,
      unit: target.post.unit,
      before: { lastErrorKind: AWAITING_POST_ID },
      after: "missing" in change ? { lastErrorKind: POST_ID_MISSING, lastError: change.missing } : change,
    });
  });
}

export async function fetchPostId(input: {
  targetId: string;
  check: number;
  adapters: Adapters;
  config: EngineConfig;
  /** A status poll's place in the account's share of the platform's limit: 0, or how long to wait. */
  reserve: (platform: Platform, accountId: string) => Promise<number>;
  now?: Date;
}): Promise<PostIdStep> {
  const { config } = input;
  const target = await db.postTarget.findUnique({
    where: { id: input.targetId },
    select: {
      status: true,
      lastErrorKind: true,
      publishedAt: true,
      post: { select: { unit: { select: { id: true, path: true } } } },
    },
  });
  if (!target || target.status !== "PUBLISHED" || target.lastErrorKind !== AWAITING_POST_ID) return { kind: "done" };
  const now = input.now ?? new Date();
  const again = (): PostIdStep => ({
    kind: "check_again",
    delayMs: postIdDelay(input.check + 1, config.postIdDelayMs),
  });
  const since = target.publishedAt ?? now;
  if (now.getTime() - since.getTime() >= config.postIdGiveUpMs) {
    const hours = Math.round(config.postIdGiveUpMs / 3_600_000);
    await settle(input.targetId, target, {
      missing: `The platform gave no post id within ${hours} h of publishing: find the post there by hand.`,
    });
    logger.warn({ targetId: input.targetId }, "Gave up waiting for the platform's post id");
    return { kind: "done" };
  }
  const ctx = await loadPublishRequest(input.targetId);
  // An account waiting for a reconnect is not asked; it is looked at again until the wait ends.
  if (!ctx || ctx.account.status !== "ACTIVE" || !ctx.credentials) return again();
  const wait = await input.reserve(ctx.account.platform, ctx.account.id);
  if (wait > 0) return { kind: "wait", ms: wait };
  const adapter = input.adapters[ctx.account.platform];
  const status = await askStatus(adapter, ctx, ctx.credentials);
  if (status.kind === "published" && status.platformPostId !== null) {
    await settle(input.targetId, target, { platformPostId: status.platformPostId, platformUrl: status.url });
    return { kind: "done" };
  }
  if (status.kind === "pending" && status.refused === "auth") {
    // The token was refused: renew it once for everyone (it rotates), or ask a person to reconnect.
    const r = await refreshAccountToken({
      accountId: ctx.account.id,
      failedAccessToken: ctx.credentials.accessToken,
      adapter,
      timeoutMs: config.platforms.timeoutMs,
    });
    if (r.kind === "reconnect") await markNeedsReconnect(ctx.account.id, r.message);
  }
  // Not yet named, refused, or no answer: look again later, never publish again.
  return again();
}

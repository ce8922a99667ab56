import "server-only";
import type { Platform } from "@/generated/prisma/enums";
import type { PublishOutcome } from "@/platforms/types";
import { logger } from "@/server/logger";
import { backoffDelay } from "@/jobs/backoff";
import { db, engineDb } from "@/server/db";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { microBatch } from "@/server/publishing/micro-batch";
import { holdForReconnect } from "@/server/publishing/await-reconnect";
import { markNeedsReconnect } from "@/server/publishing/refresh-account-token";
import { transitionTargets } from "@/server/publishing/transition-targets";

// Turns an adapter's outcome into the target's next status. Every move starts from PUBLISHING, so a
// target the reconciler already resolved is not touched twice.

export type NextStep =
  | { kind: "done" }
  | { kind: "retry_at"; at: Date }
  | { kind: "confirm_in"; delayMs: number }
  /** Published, and the platform names the post later: look for its id then (fetch-post-id.ts). */
  | { kind: "await_post_id"; delayMs: number };

/** last_error_kind of a PUBLISHED target whose post id the platform gives later (TikTok, after moderation). */
export const AWAITING_POST_ID = "awaiting_post_id";
/** ...and of one whose id never came (POST_ID_GIVE_UP_MS). */
export const POST_ID_MISSING = "post_id_missing";

/** What a target published without its post id records: shown as "waiting for TikTok's id" until it comes. */
export const awaitingPostIdChanges = {
  lastError: null,
  lastErrorKind: AWAITING_POST_ID,
  platformPostId: null,
  platformUrl: null,
} as const;

const MAX_ERROR = 2_000;
const clip = (s: string) => (s.length > MAX_ERROR ? `${s.slice(0, MAX_ERROR - 1)}…` : s);

type Published = { targetId: string; platformPostId: string; url: string | null };

// Targets published at about the same moment are recorded in one statement, each with its own id.
const publishMany = microBatch(async (items: Published[]) => {
  const published = new Map(items.map((i) => [i.targetId, { platformPostId: i.platformPostId, platformUrl: i.url }]));
  await transitionTargets(engineDb, {
    targetIds: [...published.keys()],
    to: "PUBLISHED",
    from: ["PUBLISHING"],
    actorId: null,
    published,
    changes: { publishedAt: new Date(), lastError: null, lastErrorKind: null },
  });
  return new Map(items.map((i) => [i, true]));
});

/** The post is out: keep trying to write that down, a lost write would leave it "stuck". */
async function recordPublished(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

export async function recordOutcome(input: {
  targetId: string;
  accountId: string;
  platform: Platform;
  attempts: number;
  outcome: PublishOutcome;
  config: EngineConfig;
}): Promise<NextStep> {
  const { targetId, outcome, config } = input;
  // One line per try of a target, whatever its outcome: what an operator greps for when a post is missing.
  const line = {
    targetId,
    accountId: input.accountId,
    platform: input.platform,
    attempt: input.attempts,
    outcome: outcome.kind,
  };
  if (outcome.kind === "published")
    logger.info({ ...line, platformPostId: outcome.platformPostId }, "target published");
  else logger.warn({ ...line, reason: outcome.message }, "target not published");
  const fail = (kind: string, message: string) =>
    transitionTargets(db, {
      targetIds: [targetId],
      to: "FAILED",
      from: ["PUBLISHING"],
      actorId: null,
      changes: { lastError: clip(message), lastErrorKind: kind },
    });
  switch (outcome.kind) {
    case "published": {
      const { platformPostId, url } = outcome;
      if (platformPostId !== null) {
        await recordPublished(() => publishMany({ targetId, platformPostId, url }));
        return { kind: "done" };
      }
      // Out, but not yet named (TikTok's moderation): PUBLISHED with the note, and the id is looked for later.
      await recordPublished(() =>
        transitionTargets(engineDb, {
          targetIds: [targetId],
          to: "PUBLISHED",
          from: ["PUBLISHING"],
          actorId: null,
          note: "waiting for the platform's post id (moderation)",
          changes: { publishedAt: new Date(), ...awaitingPostIdChanges },
        }),
      );
      return { kind: "await_post_id", delayMs: config.postIdDelayMs };
    }
    case "rate_limited":
      // The platform did not look at the post: this try does not count against the attempts.
      await transitionTargets(db, {
        targetIds: [targetId],
        to: "SCHEDULED",
        from: ["PUBLISHING"],
        actorId: null,
        changes: {
          lastError: clip(outcome.message),
          lastErrorKind: "rate_limited",
          incrementAttempts: -1,
          claimedAt: null,
        },
      });
      return { kind: "retry_at", at: outcome.retryAt };
    case "transient": {
      if (input.attempts >= config.maxAttempts) {
        await fail("transient", `${outcome.message} (gave up after ${input.attempts} attempts)`);
        return { kind: "done" };
      }
      await transitionTargets(db, {
        targetIds: [targetId],
        to: "SCHEDULED",
        from: ["PUBLISHING"],
        actorId: null,
        changes: { lastError: clip(outcome.message), lastErrorKind: "transient", claimedAt: null },
      });
      return { kind: "retry_at", at: new Date(Date.now() + backoffDelay(input.attempts, config.backoffBaseMs)) };
    }
    case "auth":
      await markNeedsReconnect(input.accountId, outcome.message);
      // It waits (SCHEDULED, no job) until the account is connected again, or fails 24 h after its time.
      if (!(await holdForReconnect(targetId, clip(outcome.message)))) await fail("auth", outcome.message);
      return { kind: "done" };
    case "permanent":
      await fail("permanent", outcome.message);
      return { kind: "done" };
    case "unknown":
      await transitionTargets(db, {
        targetIds: [targetId],
        to: "UNCONFIRMED",
        from: ["PUBLISHING"],
        actorId: null,
        changes: { lastError: clip(outcome.message), lastErrorKind: "unknown", platformState: outcome.state },
      });
      return { kind: "confirm_in", delayMs: config.confirmDelayMs };
  }
}

import "server-only";
import type { Adapters } from "@/platforms/registry";
import { db } from "@/server/db";
import type { EngineConfig } from "@/server/publishing/engine-config";
import type { AccessCredentials, PlatformAdapter, StatusOutcome } from "@/platforms/types";
import { loadPublishRequest, type PublishTargetContext } from "@/server/publishing/load-publish-request";
import { awaitingPostIdChanges } from "@/server/publishing/record-outcome";
import { transitionTargets } from "@/server/publishing/transition-targets";

// After an unanswered publish, asks the platform whether the post went out, where it can be asked:
// Instagram's container status, TikTok's publish status, YouTube's upload session, LINE's retry key.
// Published → PUBLISHED; certainly absent → SCHEDULED again (safe to publish); otherwise it stays
// UNCONFIRMED and is asked again later, and after the last check a person decides.

export type CheckStep =
  | { kind: "done" }
  | { kind: "check_again"; delayMs: number }
  | { kind: "publish_now"; targetId: string }
  | { kind: "await_post_id"; delayMs: number };

/** Asks the platform about what the target's saved state names; an adapter that throws counts as no answer. */
export function askStatus(
  adapter: PlatformAdapter,
  ctx: PublishTargetContext,
  credentials: AccessCredentials,
): Promise<StatusOutcome> {
  return adapter
    .checkStatus({
      targetId: ctx.targetId,
      account: { platformAccountId: ctx.account.platformAccountId, handle: ctx.account.handle },
      credentials,
      content: ctx.content,
      state: ctx.state,
      saveState: async () => undefined,
    })
    .catch((error: unknown) => ({ kind: "pending", message: String(error) }));
}

export async function checkUnconfirmedTarget(input: {
  targetId: string;
  check: number;
  adapters: Adapters;
  config: EngineConfig;
}): Promise<CheckStep> {
  const ctx = await loadPublishRequest(input.targetId);
  if (!ctx || ctx.status !== "UNCONFIRMED" || !ctx.credentials) return { kind: "done" };
  const status = await askStatus(input.adapters[ctx.account.platform], ctx, ctx.credentials);
  switch (status.kind) {
    case "published": {
      // Out but not yet named (TikTok's moderation): published with the note, and the id is looked for later.
      const unnamed = status.platformPostId === null;
      const moved = await transitionTargets(db, {
        targetIds: [ctx.targetId],
        to: "PUBLISHED",
        from: ["UNCONFIRMED"],
        actorId: null,
        note: unnamed ? "confirmed with the platform; waiting for its post id" : "confirmed with the platform",
        changes: {
          publishedAt: new Date(),
          ...(unnamed
            ? awaitingPostIdChanges
            : { platformPostId: status.platformPostId, platformUrl: status.url, lastError: null, lastErrorKind: null }),
        },
      });
      return unnamed && moved.length > 0
        ? { kind: "await_post_id", delayMs: input.config.postIdDelayMs }
        : { kind: "done" };
    }
    case "absent": {
      const moved = await transitionTargets(db, {
        targetIds: [ctx.targetId],
        to: "SCHEDULED",
        from: ["UNCONFIRMED"],
        actorId: null,
        note: "the platform confirmed it did not go out",
        changes: { platformState: status.state, claimedAt: null },
      });
      return moved.length > 0 ? { kind: "publish_now", targetId: ctx.targetId } : { kind: "done" };
    }
    case "pending":
      if (input.check < input.config.confirmMaxChecks)
        return { kind: "check_again", delayMs: input.config.confirmDelayMs * Math.min(8, 2 ** (input.check - 1)) };
      await db.postTarget.updateMany({
        where: { id: ctx.targetId, status: "UNCONFIRMED" },
        data: { lastError: `Could not confirm with the platform (${status.message}); check by hand` },
      });
      return { kind: "done" };
    case "unsupported":
      return { kind: "done" };
  }
}

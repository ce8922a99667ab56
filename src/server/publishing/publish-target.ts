import "server-only";
import type { Adapters } from "@/platforms/registry";
import type { AccessCredentials, PlatformAdapter, PublishOutcome } from "@/platforms/types";
import { claimTarget } from "@/server/publishing/claim-target";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { savePlatformState, type PublishTargetContext } from "@/server/publishing/load-publish-request";
import { recordOutcome, type NextStep } from "@/server/publishing/record-outcome";
import { refreshAccountToken } from "@/server/publishing/refresh-account-token";
import { transitionTargets } from "@/server/publishing/transition-targets";
import { db } from "@/server/db";
import { refreshesTokens } from "@/lib/platforms";

// Publishes one target: claim, check, call the platform, record the outcome. Returns what the job
// should do next; the worker turns that into queue moves, so this file knows nothing of BullMQ.

export type PublishStep = NextStep & { calledPlatform: boolean };

const REFRESH_AHEAD_MS = 5 * 60_000;

async function failBeforeCall(targetId: string, kind: string, message: string): Promise<PublishStep> {
  await transitionTargets(db, {
    targetIds: [targetId],
    to: "FAILED",
    from: ["PUBLISHING"],
    actorId: null,
    changes: { lastError: message, lastErrorKind: kind },
  });
  return { kind: "done", calledPlatform: false };
}

async function callPlatform(
  adapter: PlatformAdapter,
  ctx: PublishTargetContext,
  credentials: AccessCredentials,
): Promise<PublishOutcome> {
  try {
    return await adapter.publish({
      targetId: ctx.targetId,
      account: { platformAccountId: ctx.account.platformAccountId, handle: ctx.account.handle },
      credentials,
      content: ctx.content,
      state: ctx.state,
      saveState: async (s) => {
        await savePlatformState(ctx.targetId, s);
        // A second call in this run (after a token refresh) must continue from what the first one saved.
        ctx.state = s;
      },
    });
  } catch (error) {
    // An adapter bug or a lost database write mid-call: we cannot know what reached the platform.
    return {
      kind: "unknown",
      message: `Publishing stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      state: ctx.state,
    };
  }
}

export async function publishTarget(input: {
  targetId: string;
  adapters: Adapters;
  config: EngineConfig;
}): Promise<PublishStep> {
  const claim = await claimTarget(input.targetId);
  if (claim.kind === "early") return { kind: "retry_at", at: claim.runAt, calledPlatform: false };
  if (claim.kind !== "claimed") return { kind: "done", calledPlatform: false };

  const ctx = claim.ctx;
  if (!ctx) return { kind: "done", calledPlatform: false };
  const adapter = input.adapters[ctx.account.platform];
  if (ctx.account.status !== "ACTIVE" || !ctx.credentials) {
    return failBeforeCall(
      ctx.targetId,
      "auth",
      ctx.account.status === "DISABLED" ? "The account is disabled" : "The account must be connected again",
    );
  }
  const issues = adapter.validate(ctx.content);
  if (issues.length > 0)
    return failBeforeCall(ctx.targetId, "validation", `Platform rules not met: ${issues.map((i) => i.key).join(", ")}`);

  let credentials: AccessCredentials = ctx.credentials;
  const refresh = async (): Promise<PublishOutcome | null> => {
    const r = await refreshAccountToken({
      accountId: ctx.account.id,
      failedAccessToken: credentials.accessToken,
      adapter,
      timeoutMs: input.config.platforms.timeoutMs,
    });
    if (r.kind === "refreshed") {
      credentials = r.credentials;
      return null;
    }
    return r.kind === "transient" ? { kind: "transient", message: r.message } : { kind: "auth", message: r.message };
  };

  // Refresh ahead of expiry where the platform allows it (Instagram only refreshes a still-valid token).
  const expiresSoon =
    ctx.account.tokenExpiresAt && ctx.account.tokenExpiresAt.getTime() < Date.now() + REFRESH_AHEAD_MS;
  let outcome: PublishOutcome | null = expiresSoon && refreshesTokens(ctx.account.platform) ? await refresh() : null;
  if (outcome?.kind === "auth" && ctx.account.platform !== "INSTAGRAM") outcome = null; // the token may still work
  let calledPlatform = false;
  if (!outcome) {
    outcome = await callPlatform(adapter, ctx, credentials);
    calledPlatform = true;
    // A rejected token is refreshed once, then the post is tried once more with the new one.
    if (outcome.kind === "auth") outcome = (await refresh()) ?? (await callPlatform(adapter, ctx, credentials));
  }
  const next = await recordOutcome({
    targetId: ctx.targetId,
    accountId: ctx.account.id,
    platform: ctx.account.platform,
    attempts: ctx.attempts,
    outcome,
    config: input.config,
  });
  return { ...next, calledPlatform };
}

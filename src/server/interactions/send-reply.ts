import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Platform, ReplyState } from "@/generated/prisma/enums";
import { backoffDelay } from "@/jobs/backoff";
import type { ReplyAdapters } from "@/platforms/reply";
import type { ReplyRequest, ReplyTarget } from "@/platforms/reply/types";
import type { PlatformState, PublishOutcome } from "@/platforms/types";
import { writeAudit } from "@/server/audit/write-audit";
import { open } from "@/server/crypto/secret-box";
import { db, type Tx } from "@/server/db";
import { logger } from "@/server/logger";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { markNeedsReconnect } from "@/server/publishing/refresh-account-token";

// Sends a citizen's item's public reply (issue 16 item 5; decision 0011 "Public replies") with publishing's
// outcome classes and its "never twice": the claim is one conditional update (QUEUED → SENDING), so two
// runs cannot both call the platform; an answer that may have come after the platform stored the reply
// (timeout, reset, 5xx without an idempotency key) is UNCONFIRMED and checked on the platform before any
// resend; LINE's push carries the reply's id as X-Line-Retry-Key, so its blind retry is safe. Returns what the
// job should do next; the worker turns that into queue moves.

export type ReplyStep =
  { kind: "done" } | { kind: "retry_at"; at: Date } | { kind: "confirm_in"; delayMs: number } | { kind: "send_now" };

const MAX_ERROR = 2_000;
const clip = (s: string) => (s.length > MAX_ERROR ? `${s.slice(0, MAX_ERROR - 1)}…` : s);

const replySelect = {
  id: true,
  text: true,
  state: true,
  attempts: true,
  platformState: true,
  interaction: {
    select: {
      id: true,
      kind: true,
      externalId: true,
      authorExternalId: true,
      platformData: true,
      unit: { select: { id: true, path: true } },
      account: {
        select: { id: true, platform: true, platformAccountId: true, handle: true, status: true, accessTokenEnc: true },
      },
    },
  },
} satisfies Prisma.InteractionReplySelect;
type ReplyRow = Prisma.InteractionReplyGetPayload<{ select: typeof replySelect }>;

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/** An Instagram mention's media and place, as its lookup stored them (src/platforms/inbox/graph.ts). */
function mentionOf(data: Record<string, unknown>): ReplyTarget["mention"] {
  const mediaId = str(data.mediaId);
  const where = data.mentionIn;
  return mediaId && (where === "comment" || where === "caption") ? { mediaId, in: where } : null;
}

function targetOf(row: ReplyRow): ReplyTarget {
  const data = (row.interaction.platformData ?? {}) as Record<string, unknown>;
  const at = str(data.replyTokenAt);
  return {
    kind: row.interaction.kind,
    externalId: row.interaction.externalId,
    parentCommentId: str(data.parentCommentId),
    mention: mentionOf(data),
    authorExternalId: row.interaction.authorExternalId,
    lineReplyToken: str(data.replyToken),
    lineReplyTokenAt: at ? new Date(at) : null,
  };
}

function requestOf(row: ReplyRow, accessToken: string): ReplyRequest {
  const req: ReplyRequest = {
    replyId: row.id,
    account: { platformAccountId: row.interaction.account.platformAccountId, handle: row.interaction.account.handle },
    credentials: { accessToken },
    text: row.text,
    target: targetOf(row),
    state: (row.platformState ?? {}) as PlatformState,
    saveState: async (s) => {
      await db.interactionReply.update({ where: { id: row.id }, data: { platformState: s } });
      req.state = s;
    },
  };
  return req;
}

/** Moves the reply from one of `from` to `to`, with its audit entry when asked; false if it was not in `from`. */
async function move(
  tx: Tx,
  row: ReplyRow,
  from: ReplyState[],
  to: ReplyState,
  data: Prisma.InteractionReplyUpdateManyMutationInput,
  audit?: "reply.sent" | "reply.failed" | "reply.unconfirmed",
): Promise<boolean> {
  const moved = await tx.interactionReply.updateMany({
    where: { id: row.id, state: { in: from } },
    data: { ...data, state: to },
  });
  if (moved.count === 0) return false;
  if (audit)
    await writeAudit(tx, {
      actorId: null,
      action: audit,
      entityType: "Interaction",
      entityId: row.interaction.id,
      unit: row.interaction.unit,
      before: { replyState: row.state },
      after: { replyState: to, ...(data.lastErrorKind ? { errorKind: data.lastErrorKind } : {}) },
    });
  return true;
}

/** The reply is out: the item is REPLIED, its first reply and resolution timed (kept if set before). */
async function recordSent(
  tx: Tx,
  row: ReplyRow,
  from: ReplyState[],
  sent: { externalId: string | null; url: string | null },
): Promise<boolean> {
  const now = new Date();
  const ok = await move(
    tx,
    row,
    from,
    "SENT",
    { externalId: sent.externalId, externalUrl: sent.url, sentAt: now, lastError: null, lastErrorKind: null },
    "reply.sent",
  );
  if (!ok) return false;
  await tx.$executeRaw`UPDATE interactions SET state = 'REPLIED',
      first_reply_at = COALESCE(first_reply_at, ${now}), resolved_at = COALESCE(resolved_at, ${now}), updated_at = ${now}
    WHERE id = ${row.interaction.id}::uuid`;
  return true;
}

async function load(replyId: string): Promise<ReplyRow | null> {
  return db.interactionReply.findUnique({ where: { id: replyId }, select: replySelect });
}

async function record(
  row: ReplyRow,
  attempts: number,
  outcome: PublishOutcome,
  config: EngineConfig,
): Promise<ReplyStep> {
  const line = {
    replyId: row.id,
    platform: row.interaction.account.platform,
    attempt: attempts,
    outcome: outcome.kind,
  };
  if (outcome.kind === "published") logger.info({ ...line, externalId: outcome.platformPostId }, "reply sent");
  else logger.warn({ ...line, reason: outcome.message }, "reply not sent");
  const fail = (kind: string, message: string) =>
    db.$transaction((tx) =>
      move(tx, row, ["SENDING"], "FAILED", { lastError: clip(message), lastErrorKind: kind }, "reply.failed"),
    );
  switch (outcome.kind) {
    case "published":
      // The reply is out: keep trying to write that down, a lost write would leave it "stuck" in SENDING.
      for (let attempt = 1; ; attempt++) {
        try {
          await db.$transaction((tx) =>
            recordSent(tx, row, ["SENDING", "UNCONFIRMED"], { externalId: outcome.platformPostId, url: outcome.url }),
          );
          return { kind: "done" };
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        }
      }
    case "rate_limited":
      // The platform did not look at the reply: this try does not count.
      await db.$transaction((tx) =>
        move(tx, row, ["SENDING"], "QUEUED", {
          lastError: clip(outcome.message),
          lastErrorKind: "rate_limited",
          attempts: { decrement: 1 },
        }),
      );
      return { kind: "retry_at", at: outcome.retryAt };
    case "transient":
      if (attempts >= config.maxAttempts) {
        await fail("transient", `${outcome.message} (gave up after ${attempts} attempts)`);
        return { kind: "done" };
      }
      await db.$transaction((tx) =>
        move(tx, row, ["SENDING"], "QUEUED", { lastError: clip(outcome.message), lastErrorKind: "transient" }),
      );
      return { kind: "retry_at", at: new Date(Date.now() + backoffDelay(attempts, config.backoffBaseMs)) };
    case "auth":
      await markNeedsReconnect(row.interaction.account.id, outcome.message);
      await fail("auth", outcome.message);
      return { kind: "done" };
    case "permanent":
      await fail("permanent", outcome.message);
      return { kind: "done" };
    case "unknown":
      await db.$transaction((tx) =>
        move(
          tx,
          row,
          ["SENDING"],
          "UNCONFIRMED",
          { lastError: clip(outcome.message), lastErrorKind: "unknown", platformState: outcome.state },
          "reply.unconfirmed",
        ),
      );
      return { kind: "confirm_in", delayMs: config.confirmDelayMs };
  }
}

/** A slot under the platform's limits for the account (src/platforms/limits.ts replyWindows); waitMs 0: taken. */
export type ReplySlot = (
  platform: Platform,
  accountId: string,
  member: string,
) => Promise<{ waitMs: number; release: () => Promise<void> }>;

export async function sendReply(input: {
  replyId: string;
  adapters: ReplyAdapters;
  config: EngineConfig;
  /** Left out (some tests), no limit is applied. */
  slot?: ReplySlot;
}): Promise<ReplyStep> {
  // The account's window first, before the claim: a reply waiting for its turn stays QUEUED with its attempts
  // untouched, and its job moves later; the platform is not called, so nothing can go out twice.
  let release = async () => undefined as void;
  if (input.slot) {
    const queued = await db.interactionReply.findUnique({
      where: { id: input.replyId },
      select: { state: true, interaction: { select: { account: { select: { id: true, platform: true } } } } },
    });
    if (queued?.state === "QUEUED") {
      const { id, platform } = queued.interaction.account;
      const slot = await input.slot(platform, id, `reply-${input.replyId}-${Date.now()}`);
      if (slot.waitMs > 0) return { kind: "retry_at", at: new Date(Date.now() + slot.waitMs) };
      release = slot.release;
    }
  }
  // The claim: only a QUEUED reply is sent, by one run.
  const claimed = await db.interactionReply.updateMany({
    where: { id: input.replyId, state: "QUEUED" },
    data: { state: "SENDING", attempts: { increment: 1 } },
  });
  if (claimed.count === 0) await release();
  const row = await load(input.replyId);
  if (!row) return { kind: "done" };
  if (claimed.count === 0) {
    // SENDING without a run: the run before died during the call. Nobody knows what reached the platform.
    if (row.state !== "SENDING") return { kind: "done" };
    const moved = await db.$transaction((tx) =>
      move(
        tx,
        row,
        ["SENDING"],
        "UNCONFIRMED",
        { lastError: "The send stopped before the platform's answer was recorded", lastErrorKind: "unknown" },
        "reply.unconfirmed",
      ),
    );
    return moved ? { kind: "confirm_in", delayMs: input.config.confirmDelayMs } : { kind: "done" };
  }
  const account = row.interaction.account;
  const adapter = input.adapters[account.platform];
  const fail = async (kind: string, message: string) => {
    // Refused before any call: the slot goes back.
    await release();
    await db.$transaction((tx) =>
      move(tx, row, ["SENDING"], "FAILED", { lastError: message, lastErrorKind: kind }, "reply.failed"),
    );
    return { kind: "done" } as const;
  };
  if (!adapter) return fail("permanent", `${account.platform} gives official accounts no way to reply`);
  if (account.status !== "ACTIVE" || !account.accessTokenEnc)
    return fail(
      "auth",
      account.status === "DISABLED" ? "The account is disabled" : "The account must be connected again",
    );
  const req = requestOf(row, open(account.accessTokenEnc));
  let outcome: PublishOutcome;
  try {
    outcome = await adapter.send(req);
  } catch (error) {
    outcome = {
      kind: "unknown",
      message: `Sending stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      state: req.state,
    };
  }
  return record(row, row.attempts, outcome, input.config);
}

/** After an unanswered send: asks the platform where it can be asked, and follows the answer. */
export async function checkReply(input: {
  replyId: string;
  check: number;
  adapters: ReplyAdapters;
  config: EngineConfig;
}): Promise<ReplyStep | { kind: "check_again"; delayMs: number }> {
  const row = await load(input.replyId);
  if (!row || row.state !== "UNCONFIRMED") return { kind: "done" };
  const account = row.interaction.account;
  const adapter = input.adapters[account.platform];
  if (!adapter || !account.accessTokenEnc) return { kind: "done" };
  const req = requestOf(row, open(account.accessTokenEnc));
  const status = await adapter
    .check(req)
    .catch((error: unknown) => ({ kind: "pending" as const, message: String(error) }));
  switch (status.kind) {
    case "published":
      await db.$transaction((tx) =>
        recordSent(tx, row, ["UNCONFIRMED"], { externalId: status.platformPostId, url: status.url }),
      );
      return { kind: "done" };
    case "absent": {
      // Certainly not out: sending it now cannot make a second reply.
      const moved = await db.interactionReply.updateMany({
        where: { id: row.id, state: "UNCONFIRMED" },
        data: {
          state: "QUEUED",
          platformState: status.state,
          lastError: "The platform confirmed the reply did not arrive",
        },
      });
      return moved.count > 0 ? { kind: "send_now" } : { kind: "done" };
    }
    case "pending":
      if (input.check < input.config.confirmMaxChecks)
        return { kind: "check_again", delayMs: input.config.confirmDelayMs * Math.min(8, 2 ** (input.check - 1)) };
      await db.interactionReply.updateMany({
        where: { id: row.id, state: "UNCONFIRMED" },
        data: { lastError: clip(`Could not confirm with the platform (${status.message}); check by hand`) },
      });
      return { kind: "done" };
    case "unsupported":
      await db.interactionReply.updateMany({
        where: { id: row.id, state: "UNCONFIRMED" },
        data: { lastErrorKind: "check_by_hand" },
      });
      return { kind: "done" };
  }
}

/** QUEUED replies untouched for `olderThanMs` (the reconciler gives each its send job again, if Redis lost it). */
export async function queuedRepliesWithoutRecentChange(olderThanMs: number): Promise<string[]> {
  const rows = await db.interactionReply.findMany({
    where: { state: "QUEUED", updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    take: 1_000,
  });
  return rows.map((r) => r.id);
}

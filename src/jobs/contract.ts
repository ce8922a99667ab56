import { createHash } from "node:crypto";
import { z } from "zod";
import type { DefaultJobOptions } from "bullmq";
import { platforms } from "@/lib/platforms";

// The queue contract that the producers (web app use-cases) and the worker both import: one queue,
// job names in domain.verb form, one payload schema per job, frozen default options, and job ids.

export const PUBLISHING_QUEUE = "publishing";

export const jobNames = {
  publishTarget: "target.publish",
  confirmTarget: "target.confirm",
  reconcile: "engine.reconcile",
  collectMetrics: "metrics.collect",
  ingestWebhook: "interactions.ingest",
  refreshTokens: "accounts.refreshTokens",
  fanOutPost: "post.fanOut",
  escalateDispositions: "interactions.escalate",
  fetchPostId: "target.fetchPostId",
  sendReply: "reply.send",
  confirmReply: "reply.confirm",
  pollInboxes: "interactions.poll",
  pollAccount: "interactions.pollAccount",
  rollupResponses: "interactions.rollup",
  anonymiseInteractions: "interactions.anonymise",
  fetchMention: "interactions.fetchMention",
  subscribeWebhooks: "interactions.subscribeWebhooks",
  subscribeAccount: "interactions.subscribeAccount",
} as const;

const platform = z.enum(platforms);

export const publishTargetPayload = z.object({
  targetId: z.uuid(),
  // Carried so the worker can apply per-account limits before touching the database.
  accountId: z.uuid(),
  platform,
});
export type PublishTargetPayload = z.infer<typeof publishTargetPayload>;

export const confirmTargetPayload = z.object({
  targetId: z.uuid(),
  /** 1 for the first check after an unanswered publish; bounded by CONFIRM_MAX_CHECKS. */
  check: z.number().int().min(1),
});
export type ConfirmTargetPayload = z.infer<typeof confirmTargetPayload>;

/**
 * A published target whose platform names the post later (TikTok, after moderation): look for its id.
 * `check` counts the looks, for the backoff (src/server/publishing/fetch-post-id.ts).
 */
export const fetchPostIdPayload = z.object({ targetId: z.uuid(), check: z.number().int().min(1) });
export type FetchPostIdPayload = z.infer<typeof fetchPostIdPayload>;

/** A webhook delivery whose signature was verified: the raw body, parsed and stored by the worker. */
export const ingestWebhookPayload = z.object({
  source: z.enum(["line", "meta"]),
  body: z.string().max(1_048_576),
});
export type IngestWebhookPayload = z.infer<typeof ingestWebhookPayload>;

/**
 * An approved post with many targets: the worker moves its targets to SCHEDULED and gives each its publish
 * job (src/server/publishing/fan-out.ts), so that approving a national broadcast does not wait for thousands
 * of rows and jobs to be written (decision 0012).
 */
export const fanOutPostPayload = z.object({
  postId: z.uuid(),
  /** The approved version; a job without it (enqueued before it was carried) fans out the current one. */
  version: z.number().int().min(1).optional(),
});
export type FanOutPostPayload = z.infer<typeof fanOutPostPayload>;

/** A citizen's item's public reply to send (src/server/interactions/send-reply.ts). */
export const sendReplyPayload = z.object({ replyId: z.uuid() });

/** A check of a reply whose send went unanswered (UNCONFIRMED); `check` counts them like a target's. */
export const confirmReplyPayload = z.object({ replyId: z.uuid(), check: z.number().int().min(1) });

/** One account's poll for citizens' comments and mentions (src/server/interactions/poll-inbox.ts). */
export const pollAccountPayload = z.object({ accountId: z.uuid() });

/** Installs Siar's Meta app on one Page or Instagram account so its webhooks come (subscribe-webhooks.ts). */
export const subscribeAccountPayload = z.object({ accountId: z.uuid() });

/**
 * An Instagram mention from Meta's webhook (ids only), read with the account's token and stored
 * (src/server/interactions/fetch-mention.ts). `attempt` counts failed reads, not waits for a limit window.
 */
export const fetchMentionPayload = z.object({
  accountPlatformId: z.string().min(1).max(200),
  mediaId: z.string().min(1).max(200),
  commentId: z.string().min(1).max(200).nullable(),
  attempt: z.number().int().min(0),
});
export type FetchMentionPayload = z.infer<typeof fetchMentionPayload>;

/** One engagement collection run (src/server/engagement/collect-metrics.ts): reads whatever is due. */
export const collectMetricsPayload = z.object({}).strict();

// BullMQ reserves ':' in job ids; these are derived from the target id so that enqueueing a target
// twice finds the same job instead of making a second one.
export const publishJobId = (targetId: string) => `publish-${targetId}`;
export const confirmJobId = (targetId: string, check: number) => `confirm-${targetId}-${check}`;
/** One job per target for its post id: each look moves it later (the reconciler finds it by this id). */
export const postIdJobId = (targetId: string) => `postid-${targetId}`;
/** One fan-out per approved version: a repeated enqueue of the same approval finds the waiting job. */
export const fanOutJobId = (postId: string, version: number) => `fanout-${postId}-v${version}`;
/** One send job per reply: enqueueing it twice (an approval repeated, the reconciler) finds the same job. */
export const replyJobId = (replyId: string) => `reply-${replyId}`;
/** One read per mention: the same webhook delivered again while the read waits finds this job. */
export const mentionJobId = (ref: { mediaId: string; commentId: string | null }) =>
  `mention-${createHash("sha256")
    .update(`${ref.mediaId}/${ref.commentId ?? ""}`)
    .digest("hex")
    .slice(0, 32)}`;
export const confirmReplyJobId = (replyId: string, check: number) => `reply-confirm-${replyId}-${check}`;
export const RECONCILE_SCHEDULER_ID = "engine-reconcile";
export const METRICS_SCHEDULER_ID = "metrics-collect";
/** The daily token run: renew what can renew itself ahead of its end (src/server/accounts/refresh-ahead.ts). */
export const TOKEN_REFRESH_SCHEDULER_ID = "accounts-refresh-tokens";
export const TOKEN_REFRESH_EVERY_MS = 24 * 3_600_000;
/** Overdue dispositions escalate to the function's parent unit (src/server/interactions/dispositions.ts). */
export const ESCALATION_SCHEDULER_ID = "interactions-escalate";
export const ESCALATION_EVERY_MS = 5 * 60_000;
/** Polled platforms are read this often per account (decision 0011 "Polled ingestion"). */
export const INBOX_POLL_SCHEDULER_ID = "interactions-poll";
export const INBOX_POLL_EVERY_MS = 2 * 60_000;
/** Responsivitas's roll-up (src/server/interactions/response-rollup.ts): replies sent show on the board within this. */
export const RESPONSE_ROLLUP_SCHEDULER_ID = "interactions-rollup";
export const RESPONSE_ROLLUP_EVERY_MS = 10 * 60_000;
/** Citizens' items past their organisation's keeping period are anonymised (src/server/interactions/retention.ts). */
export const ANONYMISE_SCHEDULER_ID = "interactions-anonymise";
export const ANONYMISE_EVERY_MS = 24 * 3_600_000;

/** Meta accounts connected before their app subscription (or whose subscription failed) are taken up again. */
export const WEBHOOK_SUBSCRIBE_SCHEDULER_ID = "interactions-subscribe-webhooks";
export const WEBHOOK_SUBSCRIBE_EVERY_MS = 6 * 3_600_000;
/** Readings are due at 15-minute steps at the finest, so a run every minute is never late by much. */
export const METRICS_COLLECT_EVERY_MS = 60_000;

/**
 * Outcomes are recorded in the database, so finished jobs carry nothing worth keeping and must not
 * block a later job with the same id (a retried target). BullMQ's own attempts only cover crashes of
 * the processor itself (database unreachable); platform failures are retried by the engine's rules.
 */
export const defaultJobOptions: Readonly<DefaultJobOptions> = Object.freeze({
  attempts: 5,
  backoff: Object.freeze({ type: "exponential", delay: 2_000 }),
  removeOnComplete: true,
  removeOnFail: true,
});

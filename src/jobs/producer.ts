import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { producerConnection } from "@/jobs/connection";
import {
  ANONYMISE_SCHEDULER_ID,
  ESCALATION_SCHEDULER_ID,
  INBOX_POLL_SCHEDULER_ID,
  pollAccountPayload,
  METRICS_SCHEDULER_ID,
  PUBLISHING_QUEUE,
  RECONCILE_SCHEDULER_ID,
  RESPONSE_ROLLUP_SCHEDULER_ID,
  TOKEN_REFRESH_SCHEDULER_ID,
  confirmJobId,
  fetchPostIdPayload,
  postIdJobId,
  type FetchPostIdPayload,
  collectMetricsPayload,
  ingestWebhookPayload,
  type IngestWebhookPayload,
  fanOutJobId,
  fanOutPostPayload,
  confirmTargetPayload,
  defaultJobOptions,
  jobNames,
  publishJobId,
  publishTargetPayload,
  type ConfirmTargetPayload,
  type PublishTargetPayload,
  confirmReplyJobId,
  confirmReplyPayload,
  replyJobId,
  sendReplyPayload,
  fetchMentionPayload,
  mentionJobId,
  type FetchMentionPayload,
  subscribeAccountPayload,
  WEBHOOK_SUBSCRIBE_SCHEDULER_ID,
} from "@/jobs/contract";

// Typed enqueue functions: every payload is checked against its schema before it reaches Redis.

export type PublishJob = PublishTargetPayload & { runAt: Date };

export type PublishingProducer = {
  queue: Queue;
  /** One delayed job per target; a target that already has a job keeps it (enqueueing twice is harmless). */
  enqueuePublish: (jobs: readonly PublishJob[]) => Promise<void>;
  /** Moves a target's job to a new time, or creates it if Redis lost it. */
  movePublish: (job: PublishJob) => Promise<void>;
  /** One job per approved version that schedules and enqueues an approved broadcast's targets (fan-out.ts). */
  enqueueFanOut: (postId: string, version: number) => Promise<void>;
  /** movePublish for many targets (a resumed subtree): a bounded number at a time, not one after another. */
  movePublishMany: (jobs: readonly PublishJob[]) => Promise<void>;
  removePublish: (targetId: string) => Promise<void>;
  removePublishMany: (targetIds: readonly string[]) => Promise<void>;
  enqueueConfirm: (payload: ConfirmTargetPayload, delayMs: number) => Promise<void>;
  /** The looks for a post id the platform gives later: one job per target, moved on by each look. */
  enqueueFetchPostId: (payload: FetchPostIdPayload, delayMs: number) => Promise<void>;
  scheduleReconcile: (everyMs: number) => Promise<void>;
  /** The repeating engagement collection run. */
  scheduleMetrics: (everyMs: number) => Promise<void>;
  /** A verified webhook delivery; the same body twice while the first waits is one job. */
  enqueueIngest: (payload: IngestWebhookPayload, jobId: string) => Promise<void>;
  /** Instagram mentions to read and store, one job per mention (a repeated delivery finds the waiting one). */
  enqueueMentions: (payloads: readonly FetchMentionPayload[]) => Promise<void>;
  /** The daily token run. */
  scheduleTokenRefresh: (everyMs: number) => Promise<void>;
  /** The repeating escalation of overdue dispositions. */
  scheduleEscalation: (everyMs: number) => Promise<void>;
  /** One escalation run now, beside the repeating one (a test's "now"). */
  enqueueEscalation: () => Promise<void>;
  /** A reply's send job, now or after `delayMs`; a reply that has one keeps it. */
  enqueueReply: (replyId: string, delayMs?: number) => Promise<void>;
  /** A check of an UNCONFIRMED reply after `delayMs`. */
  enqueueReplyCheck: (replyId: string, check: number, delayMs: number) => Promise<void>;
  /** The repeating round that gives every polled account that is due its poll job. */
  scheduleInboxPoll: (everyMs: number) => Promise<void>;
  /** One poll job per account; an account whose job still waits keeps that one. */
  enqueuePollAccounts: (accountIds: readonly string[]) => Promise<void>;
  /** The repeating round that gives every Meta account not yet subscribed its subscription job (and one now). */
  scheduleWebhookSubscriptions: (everyMs: number) => Promise<void>;
  /** One subscription job per account; an account whose job still waits keeps that one. */
  enqueueAccountSubscriptions: (accountIds: readonly string[]) => Promise<void>;
  /** The repeating roll-up of Responsivitas. */
  scheduleResponseRollup: (everyMs: number) => Promise<void>;
  /** One roll-up of Responsivitas now, beside the repeating one (an operator's or a test's "now"). */
  enqueueResponseRollup: () => Promise<void>;
  /** The daily anonymisation of items past their keeping period. */
  scheduleAnonymise: (everyMs: number) => Promise<void>;
  /** One collection run now (a test, or after the worker starts). */
  enqueueCollectMetrics: () => Promise<void>;
  close: () => Promise<void>;
};

const ADD_CHUNK = 200;
// Moving or removing a job takes a few round trips (read it, its state, then the change). Many at once
// share the connection's pipeline: one after another, resuming 3,000 paused targets took ~1.5 s.
const IN_FLIGHT = 64;

async function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane));
}

const delayUntil = (at: Date) => Math.max(0, at.getTime() - Date.now());

function publishAdd(job: PublishJob) {
  const data = publishTargetPayload.parse({ targetId: job.targetId, accountId: job.accountId, platform: job.platform });
  return {
    name: jobNames.publishTarget,
    data,
    opts: { ...defaultJobOptions, jobId: publishJobId(job.targetId), delay: delayUntil(job.runAt) },
  };
}

export function createPublishingProducer(connection: Redis, prefix: string): PublishingProducer {
  const queue = new Queue(PUBLISHING_QUEUE, { connection, prefix, defaultJobOptions });
  /** One run now of a job a scheduler repeats (it takes no data), beside the repeating one. */
  const runNow = (name: string) =>
    queue.add(name, {}, { jobId: `${name}-now-${Date.now()}`, removeOnComplete: true, removeOnFail: true });
  const producer: PublishingProducer = {
    queue,
    async enqueuePublish(jobs) {
      // Chunks go out together, pipelined on the one connection: the worker starts on the first
      // chunk while the later ones are still being written.
      const chunks: PublishJob[][] = [];
      for (let i = 0; i < jobs.length; i += ADD_CHUNK) chunks.push(jobs.slice(i, i + ADD_CHUNK));
      await Promise.all(chunks.map((c) => queue.addBulk(c.map(publishAdd))));
    },
    async enqueueFanOut(postId, version) {
      await queue.add(jobNames.fanOutPost, fanOutPostPayload.parse({ postId, version }), {
        ...defaultJobOptions,
        jobId: fanOutJobId(postId, version),
      });
    },
    async movePublish(job) {
      const existing = await queue.getJob(publishJobId(job.targetId));
      const state = existing ? await existing.getState() : "unknown";
      if (existing && state === "delayed") return existing.changeDelay(delayUntil(job.runAt));
      // A waiting job is picked up now; the worker sees the new time in the database and delays itself.
      if (existing && (state === "waiting" || state === "active" || state === "prioritized")) return;
      if (existing) await existing.remove();
      const add = publishAdd(job);
      await queue.add(add.name, add.data, add.opts);
    },
    movePublishMany: (jobs) => eachLimited(jobs, (job) => producer.movePublish(job)),
    async removePublish(targetId) {
      const job = await queue.getJob(publishJobId(targetId));
      // An active job cannot be removed; its claim will find the target no longer SCHEDULED.
      if (job && !(await job.isActive())) await job.remove();
    },
    removePublishMany: (targetIds) => eachLimited(targetIds, (id) => producer.removePublish(id)),
    async enqueueConfirm(payload, delayMs) {
      const data = confirmTargetPayload.parse(payload);
      await queue.add(jobNames.confirmTarget, data, {
        ...defaultJobOptions,
        jobId: confirmJobId(data.targetId, data.check),
        delay: delayMs,
      });
    },
    async enqueueFetchPostId(payload, delayMs) {
      const data = fetchPostIdPayload.parse(payload);
      await queue.add(jobNames.fetchPostId, data, {
        ...defaultJobOptions,
        jobId: postIdJobId(data.targetId),
        delay: delayMs,
      });
    },
    async scheduleReconcile(everyMs) {
      await queue.upsertJobScheduler(
        RECONCILE_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.reconcile, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
    },
    async scheduleMetrics(everyMs) {
      await queue.upsertJobScheduler(
        METRICS_SCHEDULER_ID,
        { every: everyMs },
        {
          name: jobNames.collectMetrics,
          data: collectMetricsPayload.parse({}),
          opts: { removeOnComplete: true, removeOnFail: true },
        },
      );
    },
    async enqueueIngest(payload, jobId) {
      await queue.add(jobNames.ingestWebhook, ingestWebhookPayload.parse(payload), { ...defaultJobOptions, jobId });
    },
    async enqueueMentions(payloads) {
      if (payloads.length === 0) return;
      await queue.addBulk(
        payloads.map((p) => {
          const data = fetchMentionPayload.parse(p);
          return { name: jobNames.fetchMention, data, opts: { ...defaultJobOptions, jobId: mentionJobId(data) } };
        }),
      );
    },
    async scheduleTokenRefresh(everyMs) {
      await queue.upsertJobScheduler(
        TOKEN_REFRESH_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.refreshTokens, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
    },
    async scheduleEscalation(everyMs) {
      await queue.upsertJobScheduler(
        ESCALATION_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.escalateDispositions, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
    },
    async enqueueEscalation() {
      await runNow(jobNames.escalateDispositions);
    },
    async enqueueReply(replyId, delayMs = 0) {
      await queue.add(jobNames.sendReply, sendReplyPayload.parse({ replyId }), {
        ...defaultJobOptions,
        jobId: replyJobId(replyId),
        delay: delayMs,
      });
    },
    async enqueueReplyCheck(replyId, check, delayMs) {
      await queue.add(jobNames.confirmReply, confirmReplyPayload.parse({ replyId, check }), {
        ...defaultJobOptions,
        jobId: confirmReplyJobId(replyId, check),
        delay: delayMs,
      });
    },
    async scheduleInboxPoll(everyMs) {
      await queue.upsertJobScheduler(
        INBOX_POLL_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.pollInboxes, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
    },
    async enqueuePollAccounts(accountIds) {
      for (let i = 0; i < accountIds.length; i += ADD_CHUNK)
        await queue.addBulk(
          accountIds.slice(i, i + ADD_CHUNK).map((accountId) => ({
            name: jobNames.pollAccount,
            data: pollAccountPayload.parse({ accountId }),
            // A poll that fails is simply made again by the next round.
            opts: { jobId: `poll-${accountId}`, attempts: 1, removeOnComplete: true, removeOnFail: true },
          })),
        );
    },
    async scheduleWebhookSubscriptions(everyMs) {
      await queue.upsertJobScheduler(
        WEBHOOK_SUBSCRIBE_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.subscribeWebhooks, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
      await runNow(jobNames.subscribeWebhooks);
    },
    async enqueueAccountSubscriptions(accountIds) {
      for (let i = 0; i < accountIds.length; i += ADD_CHUNK)
        await queue.addBulk(
          accountIds.slice(i, i + ADD_CHUNK).map((accountId) => ({
            name: jobNames.subscribeAccount,
            data: subscribeAccountPayload.parse({ accountId }),
            // Retried with the queue's backoff when Meta is busy; the next round takes up one that gave up.
            opts: { ...defaultJobOptions, jobId: `subscribe-${accountId}`, removeOnComplete: true, removeOnFail: true },
          })),
        );
    },
    async scheduleResponseRollup(everyMs) {
      await queue.upsertJobScheduler(
        RESPONSE_ROLLUP_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.rollupResponses, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
    },
    async enqueueResponseRollup() {
      await runNow(jobNames.rollupResponses);
    },
    async scheduleAnonymise(everyMs) {
      await queue.upsertJobScheduler(
        ANONYMISE_SCHEDULER_ID,
        { every: everyMs },
        { name: jobNames.anonymiseInteractions, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
      );
    },
    async enqueueCollectMetrics() {
      await queue.add(jobNames.collectMetrics, collectMetricsPayload.parse({}), {
        jobId: `metrics-now-${Date.now()}`,
        removeOnComplete: true,
        removeOnFail: true,
      });
    },
    close: () => queue.close(),
  };
  return producer;
}

// One producer per process for the web app's use-cases, made on first use.
let shared: Promise<PublishingProducer> | undefined;

export function publishingProducer(redisUrl: string, prefix: string): Promise<PublishingProducer> {
  shared ??= producerConnection(redisUrl)
    .then((c) => createPublishingProducer(c, prefix))
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

export async function closePublishingProducer(): Promise<void> {
  const p = shared;
  shared = undefined;
  if (p) {
    const producer = await p.catch(() => null);
    if (producer) {
      await producer.close();
      await (producer.queue.opts.connection as Redis).quit().catch(() => undefined);
    }
  }
}

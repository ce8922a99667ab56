import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { PUBLISHING_QUEUE, jobNames } from "@/jobs/contract";
import { producerConnection, workerConnection } from "@/jobs/connection";
import { createPublishingProducer } from "@/jobs/producer";
import { publishLimits, readLimits, statusPollLimits } from "@/platforms/limits";
import { instagramMentionLookup } from "@/platforms/inbox/graph";
import { createInboxReaders } from "@/platforms/inbox/readers";
import { createAdapters } from "@/platforms/registry";
import { createReplyAdapters } from "@/platforms/reply";
import { refreshTokensAhead } from "@/server/accounts/refresh-ahead";
import { collectDueMetrics } from "@/server/engagement/collect-metrics";
import { fetchMetricsWith } from "@/server/engagement/platform-metrics";
import { logger, withLogContext } from "@/server/logger";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { escalateOverdue } from "@/server/interactions/escalate";
import { ingestWebhook } from "@/server/interactions/ingest-webhook";
import { dueAccounts, pollAccount } from "@/server/interactions/poll-inbox";
import { rollupResponses } from "@/server/interactions/response-rollup";
import { anonymiseExpired } from "@/server/interactions/retention";
import { accountsToSubscribe, subscribeAccountWebhooks } from "@/server/interactions/subscribe-webhooks";
import { fanOutPost } from "@/server/publishing/fan-out";
import { fanOutPostPayload, pollAccountPayload, subscribeAccountPayload } from "@/jobs/contract";
import { processConfirm } from "@/worker/process-confirm";
import { processFetchPostId } from "@/worker/process-fetch-post-id";
import { processPublish } from "@/worker/process-publish";
import { processReconcile } from "@/worker/process-reconcile";
import { processFetchMention } from "@/worker/process-mention";
import { processConfirmReply, processSendReply } from "@/worker/process-reply";
import { createRateLimiter } from "@/worker/rate-limiter";

// Builds the worker: connections, adapters, limiter, the processor for each job name, and the
// reconciler's repeat schedule. Used by src/worker/main.ts and, in-process, by the tests.

export type WorkerOptions = {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  lockMs: number;
  engine: EngineConfig;
  /** Run the engagement collection this often (the worker process); left out, as in the engine's tests, it never runs. */
  metricsEveryMs?: number;
  /** Renew tokens ahead of their end this often (the worker process: daily); left out, never. */
  tokenRefreshEveryMs?: number;
  /** Escalate overdue dispositions this often (the worker process: every 5 minutes); left out, never. */
  escalateEveryMs?: number;
  /** Read polled platforms' comments and mentions for each account this often (the worker process: every 2
   * minutes); left out, never. */
  inboxPollEveryMs?: number;
  /** Meta's webhooks are set up (META_APP_SECRET): Facebook and Instagram are then not polled. */
  metaWebhooks?: boolean;
  /** Roll Responsivitas up this often (the worker process: every 10 minutes); left out, never. */
  responseRollupEveryMs?: number;
  /** Anonymise items past their keeping period this often (the worker process: daily); left out, never. */
  anonymiseEveryMs?: number;
  /** With metaWebhooks: subscribe the Meta accounts not subscribed yet this often, and once at start (the worker
   * process: every 6 hours); left out, only on connecting. */
  webhookSubscribeEveryMs?: number;
};

export type RunningWorker = { worker: Worker; close: () => Promise<void> };

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const workerRedis = workerConnection(opts.redisUrl);
  const producerRedis: Redis = await producerConnection(opts.redisUrl);
  const producer = createPublishingProducer(producerRedis, opts.prefix);
  const adapters = createAdapters(opts.engine.platforms);
  const limiter = createRateLimiter(producerRedis, opts.prefix, publishLimits(opts.engine.instagramPostsPerDay));
  const deps = { adapters, config: opts.engine, limiter, producer };
  // Status polls have a limit of their own (TikTok: per token), kept apart from the publishing windows.
  const statusLimiter = createRateLimiter(producerRedis, `${opts.prefix}:status`, statusPollLimits);
  // Reading has windows of its own, apart from publishing's (src/platforms/limits.ts readLimits).
  const readLimiter = createRateLimiter(producerRedis, `${opts.prefix}:read`, readLimits());
  const pollDeps = {
    readers: createInboxReaders(opts.engine.platforms),
    adapters,
    limiter: readLimiter,
    timeoutMs: opts.engine.platforms.timeoutMs,
  };
  // A public reply takes its platform's window from publishing's limiter (X) or reading's (Graph, YouTube).
  const replyDeps = {
    replyAdapters: createReplyAdapters(opts.engine.platforms),
    config: opts.engine,
    producer,
    limiters: { publish: limiter, read: readLimiter },
  };

  // Instagram mentions are read in the same Graph window as polling (decision 0011 "Ingestion by webhook").
  const mentionDeps = {
    lookup: instagramMentionLookup({
      baseUrl: opts.engine.platforms.baseUrls.INSTAGRAM,
      timeoutMs: opts.engine.platforms.timeoutMs,
      rateLimitFallbackMs: opts.engine.platforms.rateLimitFallbackMs,
    }),
    adapters,
    limiter: pollDeps.limiter,
    timeoutMs: opts.engine.platforms.timeoutMs,
  };

  // Every line logged while a job runs carries its id and name (src/server/logger.ts).
  const processor = (job: Job, token?: string) =>
    withLogContext({ jobId: job.id, job: job.name }, () => processJob(job, token));
  const processJob = async (job: Job, token?: string) => {
    switch (job.name) {
      case jobNames.publishTarget:
        return processPublish(job, token, deps);
      case jobNames.confirmTarget:
        return processConfirm(job, deps);
      case jobNames.fetchPostId:
        return processFetchPostId(job, token, { ...deps, statusLimiter });
      case jobNames.reconcile:
        return processReconcile({
          redis: producerRedis,
          prefix: opts.prefix,
          producer,
          stuckAfterMs: opts.engine.stuckAfterMs,
        });
      case jobNames.collectMetrics:
        return collectDueMetrics({ fetchMetrics: fetchMetricsWith(adapters) });
      case jobNames.ingestWebhook:
        return ingestWebhook(job.data, (refs) => producer.enqueueMentions(refs.map((r) => ({ ...r, attempt: 0 }))));
      case jobNames.fetchMention:
        return processFetchMention(job, token, mentionDeps);
      case jobNames.fanOutPost:
        return fanOutPost(fanOutPostPayload.parse(job.data), producer);
      case jobNames.refreshTokens:
        return refreshTokensAhead({ adapters, timeoutMs: opts.engine.platforms.timeoutMs });
      case jobNames.escalateDispositions:
        return escalateOverdue();
      case jobNames.sendReply:
        return processSendReply(job, token, replyDeps);
      case jobNames.confirmReply:
        return processConfirmReply(job, replyDeps);
      case jobNames.pollInboxes:
        return producer.enqueuePollAccounts(
          await dueAccounts({ metaWebhooks: opts.metaWebhooks ?? false, everyMs: opts.inboxPollEveryMs ?? 0 }),
        );
      case jobNames.pollAccount:
        return pollAccount(pollAccountPayload.parse(job.data).accountId, pollDeps);
      case jobNames.rollupResponses:
        return rollupResponses();
      case jobNames.anonymiseInteractions:
        return anonymiseExpired();
      case jobNames.subscribeWebhooks:
        return producer.enqueueAccountSubscriptions(await accountsToSubscribe());
      case jobNames.subscribeAccount:
        return subscribeAccountWebhooks(subscribeAccountPayload.parse(job.data).accountId);
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  };

  const worker = new Worker(PUBLISHING_QUEUE, processor, {
    connection: workerRedis,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    // A job whose worker died is taken up again once its lock lapses; its claim then tells the truth.
    stalledInterval: opts.lockMs,
    maxStalledCount: 5,
  });
  worker.on("failed", (job, err) => logger.error({ err, job: job?.name, id: job?.id }, "Job failed"));
  worker.on("error", (err) => logger.error({ err }, "Worker error"));

  await producer.scheduleReconcile(opts.engine.reconcileEveryMs);
  if (opts.metricsEveryMs) await producer.scheduleMetrics(opts.metricsEveryMs);
  if (opts.tokenRefreshEveryMs) await producer.scheduleTokenRefresh(opts.tokenRefreshEveryMs);
  if (opts.escalateEveryMs) await producer.scheduleEscalation(opts.escalateEveryMs);
  if (opts.inboxPollEveryMs) await producer.scheduleInboxPoll(opts.inboxPollEveryMs);
  if (opts.responseRollupEveryMs) await producer.scheduleResponseRollup(opts.responseRollupEveryMs);
  if (opts.anonymiseEveryMs) await producer.scheduleAnonymise(opts.anonymiseEveryMs);
  if (opts.metaWebhooks && opts.webhookSubscribeEveryMs)
    await producer.scheduleWebhookSubscriptions(opts.webhookSubscribeEveryMs);
  // The schedule itself lives in Redis: if Redis loses everything, put it back.
  const watchdog = setInterval(() => {
    producer
      .scheduleReconcile(opts.engine.reconcileEveryMs)
      .catch((err: unknown) => logger.warn({ err }, "Could not renew the reconcile schedule"));
    if (opts.metricsEveryMs)
      producer
        .scheduleMetrics(opts.metricsEveryMs)
        .catch((err: unknown) => logger.warn({ err }, "Could not renew the metrics schedule"));
    if (opts.escalateEveryMs)
      producer
        .scheduleEscalation(opts.escalateEveryMs)
        .catch((err: unknown) => logger.warn({ err }, "Could not renew the escalation schedule"));
    if (opts.inboxPollEveryMs)
      producer
        .scheduleInboxPoll(opts.inboxPollEveryMs)
        .catch((err: unknown) => logger.warn({ err }, "Could not renew the inbox poll schedule"));
    if (opts.responseRollupEveryMs)
      producer
        .scheduleResponseRollup(opts.responseRollupEveryMs)
        .catch((err: unknown) => logger.warn({ err }, "Could not renew the Responsivitas roll-up schedule"));
  }, opts.engine.reconcileEveryMs);
  // And once now, so a worker starting after an outage repairs at once.
  await producer.queue.add(
    jobNames.reconcile,
    {},
    { jobId: `reconcile-start-${Date.now()}`, removeOnComplete: true, removeOnFail: true },
  );

  return {
    worker,
    async close() {
      // Finish the jobs in hand (worker.close waits for them), then let go of the connections.
      clearInterval(watchdog);
      await worker.close();
      await producer.close();
      await producerRedis.quit().catch(() => undefined);
      await workerRedis.quit().catch(() => undefined);
    },
  };
}

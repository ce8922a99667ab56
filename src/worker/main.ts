import { setPriority } from "node:os";
import {
  ANONYMISE_EVERY_MS,
  ESCALATION_EVERY_MS,
  INBOX_POLL_EVERY_MS,
  METRICS_COLLECT_EVERY_MS,
  RESPONSE_ROLLUP_EVERY_MS,
  TOKEN_REFRESH_EVERY_MS,
  WEBHOOK_SUBSCRIBE_EVERY_MS,
} from "@/jobs/contract";
import { client, closeEnginePool } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { engineConfigFromEnv } from "@/server/publishing/engine-config";
import { startWorker } from "@/worker/start-worker";

// `npm run worker`: the publishing worker as its own process. SIGTERM finishes the jobs in hand,
// then closes Redis and the database, in that order, and exits.

try {
  process.loadEnvFile(".env");
} catch {
  /* the environment may come from the process alone */
}
process.env.SIAR_SERVICE ??= "worker";
const e = env();
// Where the worker shares the machine's cores with the web app, the web answers first: a platform waits on
// a webhook's acknowledgement and a person on a page, while a stored comment or a publish job may start a
// moment later. At 200 webhook deliveries a second on 2 cores, the acknowledgement's p99 fell from 21 s to
// 2.7 s (docs/benchmarks/interaksi-warga.md, fourth pass). On a machine of its own it changes nothing.
try {
  setPriority(e.WORKER_NICE);
} catch (error) {
  logger.warn({ err: error, nice: e.WORKER_NICE }, "Could not lower the worker's priority");
}

const running = await startWorker({
  redisUrl: e.REDIS_URL,
  prefix: e.QUEUE_PREFIX,
  concurrency: e.WORKER_CONCURRENCY,
  lockMs: e.WORKER_LOCK_MS,
  engine: engineConfigFromEnv(e),
  metricsEveryMs: METRICS_COLLECT_EVERY_MS,
  tokenRefreshEveryMs: TOKEN_REFRESH_EVERY_MS,
  escalateEveryMs: ESCALATION_EVERY_MS,
  inboxPollEveryMs: INBOX_POLL_EVERY_MS,
  metaWebhooks: e.META_APP_SECRET.length > 0,
  responseRollupEveryMs: RESPONSE_ROLLUP_EVERY_MS,
  anonymiseEveryMs: ANONYMISE_EVERY_MS,
  webhookSubscribeEveryMs: WEBHOOK_SUBSCRIBE_EVERY_MS,
});
logger.info({ concurrency: e.WORKER_CONCURRENCY, prefix: e.QUEUE_PREFIX }, "Publishing worker started");

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Publishing worker stopping after the jobs in hand");
    void running
      .close()
      .then(() => Promise.all([client().$disconnect(), closeEnginePool()]))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, "Unclean shutdown");
        process.exit(1);
      });
  });
}

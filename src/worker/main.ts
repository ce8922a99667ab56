import {
  ANONYMISE_EVERY_MS,
  ESCALATION_EVERY_MS,
  INBOX_POLL_EVERY_MS,
  METRICS_COLLECT_EVERY_MS,
  RESPONSE_ROLLUP_EVERY_MS,
  TOKEN_REFRESH_EVERY_MS,
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

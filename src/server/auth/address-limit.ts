import "server-only";
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { producerConnection } from "@/jobs/connection";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

// The per-address limit on sign-in attempts, beside the per-email lock (verify-sign-in.ts): in Redis, so
// that every web process counts together (docs/decisions/0009-trust.md).

export const ADDRESS_ATTEMPTS = 30;
export const ADDRESS_WINDOW_SECONDS = 10 * 60;

let limiter: Promise<RateLimiterRedis> | undefined;

function addressLimiter(): Promise<RateLimiterRedis> {
  limiter ??= producerConnection(env().REDIS_URL)
    .then(
      (storeClient: Redis) =>
        new RateLimiterRedis({
          storeClient,
          keyPrefix: `${env().QUEUE_PREFIX}:sign-in-address`,
          points: ADDRESS_ATTEMPTS,
          duration: ADDRESS_WINDOW_SECONDS,
        }),
    )
    .catch((error: unknown) => {
      limiter = undefined;
      throw error;
    });
  return limiter;
}

/**
 * The address a sign-in came from: the last `X-Forwarded-For` entry, the one the nearest proxy (or Next's
 * own server) wrote, which a client cannot choose; "unknown" when there is none.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}

/**
 * Counts one sign-in attempt from `address`. Null when it may go on, else the seconds until the address
 * may try again. With Redis unreachable the attempt goes on: the per-email lock in PostgreSQL still holds.
 */
export async function limitSignInAddress(address: string): Promise<number | null> {
  try {
    await (await addressLimiter()).consume(address);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    logger.warn({ err: error }, "sign-in address limit unavailable; the per-email lock still holds");
    return null;
  }
}

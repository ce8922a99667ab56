import { Redis } from "ioredis";

// Two kinds of Redis connection, as BullMQ recommends. Producers fail fast: a web request must not
// hang while Redis is down (the database already holds the truth and the reconciler restores jobs).
// Workers wait for Redis as long as it takes: maxRetriesPerRequest null keeps blocking calls alive.

export async function producerConnection(url: string, readyTimeoutMs = 5_000): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    connectTimeout: readyTimeoutMs,
  });
  await redis.connect();
  return redis;
}

export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

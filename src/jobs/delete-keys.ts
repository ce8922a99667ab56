import type { Redis } from "ioredis";

/** Deletes every key under `prefix:` (a queue prefix) with SCAN, never FLUSHDB/FLUSHALL: the rest of the database is not ours. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
}

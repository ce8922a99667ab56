import type { Redis } from "ioredis";
import type { Platform } from "@/generated/prisma/enums";
import type { LimitWindow } from "@/platforms/limits";
import { microBatch } from "@/server/publishing/micro-batch";

// Sliding-window limiter in Redis for the platforms' publishing limits (src/platforms/limits.ts).
// A reservation takes a slot in every window that applies (the account's and the app's) or none,
// atomically in Lua (many reservations per call), and answers how long to wait when a window is full: the job is delayed, the
// post does not fail.

// KEYS: every reservation's keys, in order. ARGV: now, then per reservation its member, its number
// of keys and (limit, window) per key. Reservations are taken one after another inside one call,
// so a batch sees its own earlier reservations exactly as separate calls would. Returns the waits.
const RESERVE_MANY = `
local now = tonumber(ARGV[1])
local waits = {}
local k = 1
local a = 2
while a <= #ARGV do
  local member = ARGV[a]
  local n = tonumber(ARGV[a + 1])
  a = a + 2
  local wait = 0
  for i = 0, n - 1 do
    local key = KEYS[k + i]
    local limit = tonumber(ARGV[a + i * 2])
    local window = tonumber(ARGV[a + i * 2 + 1])
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    if redis.call('ZCARD', key) >= limit then
      local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      local w = tonumber(oldest[2]) + window - now
      if w > wait then wait = w end
    end
  end
  if wait == 0 then
    for i = 0, n - 1 do
      redis.call('ZADD', KEYS[k + i], now, member)
      redis.call('PEXPIRE', KEYS[k + i], tonumber(ARGV[a + i * 2 + 1]))
    end
  end
  waits[#waits + 1] = wait
  k = k + n
  a = a + n * 2
end
return waits`;

export type Reservation = { waitMs: number; release: () => Promise<void> };

type Ask = { keys: string[]; member: string; windows: LimitWindow[] };
type ReserveMany = (numberOfKeys: number, ...args: string[]) => Promise<number[]>;

export function createRateLimiter(redis: Redis, prefix: string, limits: Record<Platform, LimitWindow[]>) {
  const keyFor = (platform: Platform, accountId: string, w: LimitWindow) =>
    `${prefix}:limit:${platform}:${w.scope === "app" ? "app" : accountId}:${w.windowMs}`;
  // EVALSHA once the script is known to Redis, instead of sending its text with every call.
  if (!("siarReserveMany" in redis)) redis.defineCommand("siarReserveMany", { lua: RESERVE_MANY });
  const reserveMany = (redis as unknown as { siarReserveMany: ReserveMany }).siarReserveMany.bind(redis);

  // Jobs running at the same moment reserve together: one round trip for a whole batch.
  const take = microBatch(async (asks: Ask[]) => {
    const keys = asks.flatMap((a) => a.keys);
    const args = [
      String(Date.now()),
      ...asks.flatMap((a) => [
        a.member,
        String(a.keys.length),
        ...a.windows.flatMap((w) => [String(w.limit), String(w.windowMs)]),
      ]),
    ];
    const waits = await reserveMany(keys.length, ...keys, ...args);
    return new Map(asks.map((a, i) => [a, Number(waits[i] ?? 0)]));
  });

  return {
    async reserve(platform: Platform, accountId: string, member: string): Promise<Reservation> {
      const windows = limits[platform];
      if (windows.length === 0) return { waitMs: 0, release: async () => undefined };
      const keys = windows.map((w) => keyFor(platform, accountId, w));
      const wait = (await take({ keys, member, windows })) ?? 0;
      return {
        waitMs: wait,
        release: async () => {
          if (wait === 0) await Promise.all(keys.map((k) => redis.zrem(k, member)));
        },
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

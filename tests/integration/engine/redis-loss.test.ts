import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningWorker } from "@/worker/start-worker";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import {
  approveNewPost,
  createWorld,
  dropEngineDatabase,
  queuePrefix,
  startTestWorker,
  testEngineConfig,
  waitForStatus,
} from "./support/engine";

// Redis is emptied while 100 targets wait for their time: the reconciler finds every SCHEDULED
// target without a job, restores it, and each publishes once.
//
// The emptying is FLUSHDB on a Redis database index used only by this test (15 unless
// SIAR_TEST_FLUSH_REDIS_DB says otherwise), never FLUSHALL: other databases on this Redis belong to
// the developer's running app. Before flushing, the test refuses if that database holds any key
// that is not a Siar test queue's (`siar-test-…`, this run's or one left by a run that was killed).

const flushDb = Number(process.env.SIAR_TEST_FLUSH_REDIS_DB ?? 15);
const redisUrl = `redis://127.0.0.1:6379/${flushDb}`;
process.env.REDIS_URL = redisUrl;

let emu: TestEmulator;
let worker: RunningWorker;
let redis: Redis;

async function foreignKeys(): Promise<string[]> {
  const foreign: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "COUNT", 1000);
    cursor = next;
    foreign.push(...keys.filter((k) => !k.startsWith(`${queuePrefix}:`) && !/^siar-test-[0-9a-f]{8}:/.test(k)));
  } while (cursor !== "0");
  return foreign;
}

beforeAll(async () => {
  redis = new Redis(redisUrl);
  expect(await foreignKeys(), `Redis db ${flushDb} is not empty; refusing to FLUSHDB it`).toEqual([]);
  emu = await startTestEmulator();
  worker = await startTestWorker(testEngineConfig(emu, { reconcileEveryMs: 1_000 }), 20);
});

afterAll(async () => {
  await worker?.close();
  await emu?.close();
  if (redis && (await foreignKeys()).length === 0) await redis.flushdb();
  await redis?.quit();
  const { closePublishingProducer } = await import("@/jobs/producer");
  await closePublishingProducer();
  await dropEngineDatabase();
});

it("restores lost jobs from the database and publishes each target once", async () => {
  const world = await createWorld();
  const { targets, text } = await approveNewPost(world, {
    platform: "FACEBOOK_PAGE",
    count: 100,
    scheduledAt: new Date(Date.now() + 4_000),
  });
  const jobKeys = async () =>
    (await redis.keys(`${queuePrefix}:publishing:publish-*`)).filter((k) => /publish-[0-9a-f-]{36}$/.test(k));
  expect(await jobKeys()).toHaveLength(100);

  expect(await foreignKeys()).toEqual([]);
  await redis.flushdb();
  expect(await jobKeys()).toHaveLength(0);

  await waitForStatus(
    targets.map((t) => t.id),
    ["PUBLISHED"],
    60_000,
  );
  const counts = (await emu.arrivals({ platform: "facebook" })).counts.filter((c) => c.text === text);
  expect(counts.map((c) => c.count)).toEqual(Array.from({ length: 100 }, () => 1));
});

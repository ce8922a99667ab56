import { Queue } from "bullmq";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fanOutJobId, jobNames, publishJobId, PUBLISHING_QUEUE } from "@/jobs/contract";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { engineProducer } from "@/server/publishing/engine-queue";
import { DIRECT_ENQUEUE_MAX, fanOutPost } from "@/server/publishing/fan-out";
import type { RunningWorker } from "@/worker/start-worker";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import {
  approveNewPost,
  createWorld,
  dropQueueKeys,
  queuePrefix,
  startTestWorker,
  testEngineConfig,
  waitForStatus,
} from "./support/engine";

// A national broadcast (issue 17, decision 0012): approving a post for more than DIRECT_ENQUEUE_MAX
// accounts writes the decision and one fan-out job; the worker then moves each waiting target to SCHEDULED
// and gives it its publish job. Every target still goes out exactly once, a cancelled one never, and a
// fan-out run twice makes no second job (broadcast-approval.test.ts: edits, pauses, crashes, the reconciler).

let emu: TestEmulator;
let queue: Queue;
const BIG = DIRECT_ENQUEUE_MAX + 50;

beforeAll(async () => {
  emu = await startTestEmulator();
  queue = new Queue(PUBLISHING_QUEUE, { connection: { url: env().REDIS_URL }, prefix: queuePrefix });
});

afterAll(async () => {
  await queue.close();
  await emu?.close();
  await dropQueueKeys();
});

const publishJobs = async (ids: readonly string[]) =>
  (await Promise.all(ids.map((id) => queue.getJob(publishJobId(id))))).filter(Boolean).length;

it("approval of a broadcast writes one fan-out job, which schedules each waiting target and gives it one publish job", async () => {
  const world = await createWorld();
  const inAnHour = new Date(Date.now() + 3_600_000);
  const post = await approveNewPost(world, { platform: "LINE_OA", count: BIG, scheduledAt: inAnHour });
  const ids = post.targets.map((t) => t.id);
  // No worker runs here: the approval itself moved no target and wrote no publish job, only the fan-out.
  expect(await db.postTarget.count({ where: { postId: post.postId, status: "PENDING_APPROVAL" } })).toBe(BIG);
  expect(await publishJobs(ids)).toBe(0);
  const fanOut = await queue.getJob(fanOutJobId(post.postId, 1));
  expect(fanOut?.name).toBe(jobNames.fanOutPost);

  // Ten targets are cancelled before the worker gets to it; the fan-out runs twice (a retried job).
  const cancelled = ids.slice(0, 10);
  await db.postTarget.updateMany({ where: { id: { in: cancelled } }, data: { status: "CANCELLED" } });
  const producer = await engineProducer();
  expect(await fanOutPost({ postId: post.postId }, producer)).toBe(BIG - 10);
  expect(await fanOutPost({ postId: post.postId }, producer)).toBe(BIG - 10);
  expect(await db.postTarget.count({ where: { postId: post.postId, status: "SCHEDULED" } })).toBe(BIG - 10);
  expect(await publishJobs(cancelled)).toBe(0);
  expect(await publishJobs(ids.slice(10))).toBe(BIG - 10);
  const job = await queue.getJob(publishJobId(ids[10]!));
  expect(await job?.getState()).toBe("delayed");
  expect(Math.abs(job!.timestamp + job!.delay - inAnHour.getTime())).toBeLessThan(5_000);
  await queue.remove(fanOutJobId(post.postId, 1));
  for (const id of ids) await queue.remove(publishJobId(id));
});

it("a small post is enqueued by the approval itself, as before", async () => {
  const world = await createWorld();
  const post = await approveNewPost(world, {
    platform: "LINE_OA",
    count: 3,
    scheduledAt: new Date(Date.now() + 3_600_000),
  });
  expect(await publishJobs(post.targets.map((t) => t.id))).toBe(3);
  expect(await queue.getJob(fanOutJobId(post.postId, 1))).toBeUndefined();
  for (const t of post.targets) await queue.remove(publishJobId(t.id));
});

it("with the worker running, every target of a broadcast due now is published exactly once", async () => {
  let worker: RunningWorker | undefined;
  try {
    worker = await startTestWorker(testEngineConfig(emu), 50);
    const world = await createWorld();
    const post = await approveNewPost(world, { platform: "X", count: BIG, text: `Siaran nasional ${Date.now()}` });
    await waitForStatus(
      post.targets.map((t) => t.id),
      ["PUBLISHED"],
      120_000,
    );
    const counts = await Promise.all(post.targets.map((t) => emu.countOf("X", t.account.platformAccountId, post.text)));
    expect(counts.filter((c) => c === 1)).toHaveLength(BIG);
  } finally {
    await worker?.close();
  }
});

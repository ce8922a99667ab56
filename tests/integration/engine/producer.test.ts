import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteKeysWithPrefix } from "@/jobs/delete-keys";
import { publishJobId } from "@/jobs/contract";
import { createPublishingProducer, type PublishJob, type PublishingProducer } from "@/jobs/producer";
import { env } from "@/server/env";

// Resuming a paused subtree moves every target's job to its time; editing a scheduled post removes
// its jobs. For a Polda's worth of targets these go many at a time, and each job must still end up
// exactly where it would have one by one: at its new time, created again if Redis lost it, or gone.

const prefix = `siar-producer-${randomBytes(3).toString("hex")}`;
const HOUR = 3_600_000;

const jobFor = (runAt: Date): PublishJob => ({ targetId: randomUUID(), accountId: randomUUID(), platform: "X", runAt });

describe("publishing producer, many targets at once", () => {
  let redis: Redis;
  let producer: PublishingProducer;
  beforeAll(async () => {
    redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    producer = createPublishingProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it("moves 300 delayed jobs to their new times and recreates the ones Redis lost", async () => {
    const inAnHour = new Date(Date.now() + HOUR);
    const jobs = Array.from({ length: 300 }, () => jobFor(inAnHour));
    await producer.enqueuePublish(jobs);
    // Redis lost a tenth of them (the reconciler's case, here met by the resume itself).
    const lost = jobs.filter((_, i) => i % 10 === 0);
    for (const j of lost) await (await producer.queue.getJob(publishJobId(j.targetId)))!.remove();

    const later = new Date(Date.now() + 2 * HOUR);
    const moved = jobs.map((j, i) => ({ ...j, runAt: new Date(later.getTime() + i * 1_000) }));
    await producer.movePublishMany(moved);

    for (const j of moved) {
      const job = await producer.queue.getJob(publishJobId(j.targetId));
      expect(job, j.targetId).toBeDefined();
      expect(await job!.getState()).toBe("delayed");
      // Due at its own new time (to the second: the delay is computed from "now" when moved).
      expect(Math.abs(job!.timestamp + job!.delay - j.runAt.getTime())).toBeLessThan(5_000);
    }
    expect(await producer.queue.getDelayedCount()).toBe(300);
  });

  it("removes the jobs of 300 targets and leaves the others alone", async () => {
    const inAnHour = new Date(Date.now() + HOUR);
    const jobs = Array.from({ length: 400 }, () => jobFor(inAnHour));
    await producer.enqueuePublish(jobs);
    const before = await producer.queue.getDelayedCount();
    const gone = jobs.slice(0, 300).map((j) => j.targetId);
    await producer.removePublishMany([...gone, randomUUID()]); // one never had a job: nothing to do

    for (const id of gone) expect(await producer.queue.getJob(publishJobId(id))).toBeUndefined();
    for (const j of jobs.slice(300)) expect(await producer.queue.getJob(publishJobId(j.targetId))).toBeDefined();
    expect(await producer.queue.getDelayedCount()).toBe(before - 300);
  });
});

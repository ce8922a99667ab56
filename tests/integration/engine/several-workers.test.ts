import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { SocialAccount } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { createAccount } from "../../factories/accounts";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { approveNewPost, createWorld, dropQueueKeys, statuses, type Scheduled } from "./support/engine";
import { spawnWorker, stopWorker } from "./support/worker-process";

// Several workers at once (issue 13, decision 0009): three worker processes share one queue, one
// PostgreSQL and one Redis, against platforms that answer in 300 ms. One of them is SIGKILLed halfway.
// Every target is published exactly once by the emulator's own count, and the platforms' limits hold
// across the three: one LINE channel given 70 posts gets at most its 60 an hour, YouTube's app at most
// its 100 uploads a day, and the emulator (whose limits are on) never refuses a call for a full window.
// A limiter of each process's own would let each worker send 60 to the channel and 100 to YouTube.
//
// SEVERAL_WORKERS_TARGETS sets the number of ordinary targets (600 by default, to keep the suite's time;
// `npm run bench:workers` publishes 3,000).

const bulkCount = Number(process.env.SEVERAL_WORKERS_TARGETS ?? 600);
const LINE_PER_HOUR = 60;
const YOUTUBE_PER_DAY = 100;

let emu: TestEmulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.config({ latencyMs: 300, limits: true });
});

afterAll(async () => {
  for (const c of children) await stopWorker(c, "SIGKILL");
  await emu?.close();
  await dropQueueKeys();
});

it(
  "three workers publish each target once, keep the limits together, and lose nothing when one is SIGKILLed",
  { timeout: 900_000 },
  async () => {
    const world = await createWorld();
    // LINE can be asked afterwards whether an interrupted post went out (its retry key), and so can
    // YouTube (its upload session): every target the killed worker held ends PUBLISHED, none UNCONFIRMED.
    const bulk: Scheduled[] = [];
    for (let made = 0; made < bulkCount; made += 300)
      bulk.push(await approveNewPost(world, { platform: "LINE_OA", count: Math.min(300, bulkCount - made) }));
    const channel: SocialAccount = await createAccount(db, {
      unitId: world.unit.id,
      platform: "LINE_OA",
      connect: true,
    });
    const busy: Scheduled[] = [];
    for (let i = 0; i < LINE_PER_HOUR + 10; i++)
      busy.push(await approveNewPost(world, { platform: "LINE_OA", accounts: [channel] }));
    const youtube = await approveNewPost(world, { platform: "YOUTUBE", count: YOUTUBE_PER_DAY + 5 });

    const flat = (posts: Scheduled[]) => posts.flatMap((p) => p.targets.map((t) => ({ ...t, text: p.text })));
    const bulkTargets = flat(bulk);
    const busyTargets = flat(busy);
    const youtubeTargets = flat([youtube]);
    const all = [...bulkTargets, ...busyTargets, ...youtubeTargets];
    const ids = all.map((t) => t.id);
    const expected = bulkTargets.length + LINE_PER_HOUR + YOUTUBE_PER_DAY;

    const workerEnv = {
      WORKER_CONCURRENCY: "30",
      // A good neighbour on a shared PostgreSQL: three workers at the shipped pool (20 + 4) would hold 72 connections.
      DATABASE_POOL_SIZE: "6",
      WORKER_LOCK_MS: "5000",
      PUBLISH_STUCK_AFTER_MS: "5000",
      RECONCILE_EVERY_MS: "1000",
    };
    for (let i = 0; i < 3; i++) children.push(spawnWorker(emu, workerEnv));

    // Halfway by the platforms' count: one worker dies without a chance to finish or hand anything back.
    const half = Math.floor(expected / 2);
    for (let waited = 0; (await emu.arrivedCount({ atLeast: half, waitMs: 60_000 })) < half; waited++)
      if (waited >= 10) throw new Error(`Fewer than ${half} posts arrived in ten minutes`);
    await stopWorker(children[0]!, "SIGKILL");
    const atKill = await emu.arrivedCount();
    expect(atKill).toBeLessThan(expected);

    // The two left finish everything the limits allow: the ordinary targets all published, the busy
    // channel's and YouTube's held back beyond their windows, waiting (SCHEDULED), not failed.
    await vi.waitFor(
      async () => {
        const s = await statuses(ids);
        const count = (targets: typeof all, status: string) => targets.filter((t) => s.get(t.id) === status).length;
        const left = bulkTargets.length - count(bulkTargets, "PUBLISHED");
        const open = [...busyTargets, ...youtubeTargets].filter(
          (t) => !["PUBLISHED", "SCHEDULED"].includes(s.get(t.id) ?? ""),
        ).length;
        const heldBack = count(busyTargets, "SCHEDULED") + count(youtubeTargets, "SCHEDULED");
        if (left > 0 || open > 0 || heldBack < 15)
          throw new Error(
            `${left} ordinary targets unpublished, ${open} limited ones in flight, ${heldBack} held back`,
          );
      },
      { timeout: 600_000, interval: 500 },
    );

    const arrivals = await emu.arrivals();
    const times = (account: string, text: string) =>
      arrivals.counts.find((c) => c.account === account && c.text === text)?.count ?? 0;
    const final = await statuses(ids);
    const wrong: string[] = [];
    for (const t of all) {
      const n = times(t.account.platformAccountId, t.text);
      const status = final.get(t.id);
      // Published exactly once, or held back by a limit and never sent.
      if (!((status === "PUBLISHED" && n === 1) || (status === "SCHEDULED" && n === 0)))
        wrong.push(`${t.account.platform} ${t.id}: ${status}, arrived ${n} times`);
    }
    expect(wrong).toEqual([]);
    expect(await db.postTarget.count({ where: { id: { in: ids }, status: { in: ["FAILED", "UNCONFIRMED"] } } })).toBe(
      0,
    );

    // The limits held across the three processes: never more than a window allows, and the platform
    // never had to refuse a call.
    const published = (targets: typeof all) => targets.filter((t) => final.get(t.id) === "PUBLISHED").length;
    expect(published(busyTargets)).toBeLessThanOrEqual(LINE_PER_HOUR);
    expect(published(youtubeTargets)).toBeLessThanOrEqual(YOUTUBE_PER_DAY);
    expect(arrivals.limitRefusals).toEqual({});
    console.info(
      `3 workers, ${all.length} targets, one SIGKILLed after ${atKill} arrivals: ${bulkTargets.length} ordinary published once; ` +
        `busy LINE channel ${published(busyTargets)}/${busyTargets.length} (limit ${LINE_PER_HOUR}/h), ` +
        `YouTube ${published(youtubeTargets)}/${youtubeTargets.length} (limit ${YOUTUBE_PER_DAY}/day), 0 refused by the platforms`,
    );

    // The survivors stop cleanly.
    for (const c of children.slice(1)) expect(await stopWorker(c, "SIGTERM")).toBe(0);
  },
);

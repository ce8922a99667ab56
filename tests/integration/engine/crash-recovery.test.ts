import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/server/db";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { approveNewPost, createWorld, dropQueueKeys, statuses, waitForStatus, type Scheduled } from "./support/engine";
import { spawnWorker, stopWorker } from "./support/worker-process";

// The worker is killed with SIGKILL in the middle of 300 due targets and started again. Every
// target must end PUBLISHED exactly once (by the emulator's count) or UNCONFIRMED (sent, outcome
// unknown, never sent again); none may be left SCHEDULED or PUBLISHING.

let emu: TestEmulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  // A little latency per call so the kill lands while calls are in flight.
  await emu.config({ latencyMs: 15 });
});

afterAll(async () => {
  for (const c of children) await stopWorker(c, "SIGKILL");
  await emu?.close();
  await dropQueueKeys();
});

it("recovers from a SIGKILL mid-run without losing or doubling a post", async () => {
  const world = await createWorld();
  // X cannot be asked afterwards (in-flight ones end UNCONFIRMED); LINE can, through its retry key.
  const posts: Scheduled[] = [
    await approveNewPost(world, { platform: "X", count: 150 }),
    await approveNewPost(world, { platform: "LINE_OA", count: 150 }),
  ];
  const targets = posts.flatMap((p) => p.targets.map((t) => ({ ...t, text: p.text })));
  const ids = targets.map((t) => t.id);
  const stuckEnv = {
    PUBLISH_STUCK_AFTER_MS: "3000",
    RECONCILE_EVERY_MS: "1000",
    WORKER_LOCK_MS: "3000",
    WORKER_CONCURRENCY: "8",
  };

  const first = spawnWorker(emu, stuckEnv);
  children.push(first);
  expect(await emu.arrivedCount({ atLeast: 60, waitMs: 60_000 })).toBeGreaterThanOrEqual(60);
  await stopWorker(first, "SIGKILL");
  const atKill = await statuses(ids);
  const doneAtKill = [...atKill.values()].filter((s) => s === "PUBLISHED").length;
  expect(doneAtKill).toBeLessThan(300);

  const second = spawnWorker(emu, stuckEnv);
  children.push(second);
  await waitForStatus(ids, ["PUBLISHED", "UNCONFIRMED"], 120_000);

  const arrivals = await emu.arrivals();
  expect(await emu.arrivedCount()).toBe(arrivals.posts.length);
  const count = (account: string, text: string) =>
    arrivals.counts.find((c) => c.account === account && c.text === text)?.count ?? 0;
  const final = await statuses(ids);
  for (const t of targets) {
    const n = count(t.account.platformAccountId, t.text);
    if (final.get(t.id) === "PUBLISHED") expect(n, `${t.account.platform} target published ${n} times`).toBe(1);
    else expect(n).toBeLessThanOrEqual(1);
  }
  const unconfirmed = targets.filter((t) => final.get(t.id) === "UNCONFIRMED");
  console.info(
    `SIGKILL after ${doneAtKill} published; finally ${300 - unconfirmed.length} PUBLISHED once, ${unconfirmed.length} UNCONFIRMED (${unconfirmed.filter((t) => count(t.account.platformAccountId, t.text) === 1).length} of them had arrived)`,
  );
  // LINE's retry key lets every interrupted LINE target be confirmed: none stays UNCONFIRMED.
  const line = targets.filter((t) => t.account.platform === "LINE_OA");
  expect(line.filter((t) => final.get(t.id) !== "PUBLISHED")).toEqual([]);
  const stored = await db.postTarget.count({ where: { id: { in: ids }, status: "PUBLISHED", platformPostId: null } });
  expect(stored).toBe(0);

  // SIGTERM: the second worker finishes what it holds and exits cleanly.
  expect(await stopWorker(second, "SIGTERM")).toBe(0);
});

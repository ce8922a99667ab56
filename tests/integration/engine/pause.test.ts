import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { pauseSubtree } from "@/server/publishing/pause-subtree";
import { resumeSubtree } from "@/server/publishing/resume-subtree";
import type { RunningWorker } from "@/worker/start-worker";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import {
  approveNewPost,
  createWorld,
  dropQueueKeys,
  startTestWorker,
  statuses,
  testEngineConfig,
  waitForNoJobsFor,
  waitForStatus,
} from "./support/engine";

// A crisis pause on a Polda stops everything below it, including posts approved during the pause,
// while the rest of the country keeps publishing; resuming sends the held posts out, once each.

let emu: TestEmulator;
let worker: RunningWorker;

beforeAll(async () => {
  emu = await startTestEmulator();
  worker = await startTestWorker(testEngineConfig(emu));
});

afterAll(async () => {
  await worker?.close();
  await emu?.close();
  await dropQueueKeys();
});

it("publishes nothing in a paused subtree until it is resumed", async () => {
  const polda = await createUnit(db, { name: "Polda Kalimantan Timur", kind: "Polda" });
  const polres = await createWorld(polda);
  const elsewhere = await createWorld();
  const supervisor = await createUser(db, { memberships: [{ unitId: polda.id, role: "SUPERVISOR" }] });

  // Due in a few seconds (room for a loaded machine), then caught by the pause before its time.
  const early = await approveNewPost(polres, { platform: "X", count: 3, scheduledAt: new Date(Date.now() + 4_000) });
  const { paused } = await pauseSubtree({ unitId: polda.id, actorId: supervisor.id, reason: "Situasi darurat" });
  expect(paused).toBe(3);
  // Approved while the pause stands, due at once.
  const during = await approveNewPost(polres, { platform: "LINE_OA", count: 3 });
  const control = await approveNewPost(elsewhere, {
    platform: "X",
    count: 2,
    scheduledAt: new Date(Date.now() + 4_000),
  });

  const held = [...early.targets, ...during.targets].map((t) => t.id);
  await waitForStatus(
    control.targets.map((t) => t.id),
    ["PUBLISHED"],
  );
  await waitForStatus(held, ["PAUSED"]);
  // Past every held target's time, their jobs all handled, and the worker has been busy: still nothing went out.
  const latest = Math.max(
    ...(await db.postTarget.findMany({ where: { id: { in: held } } })).map((t) => t.scheduledAt!.getTime()),
  );
  await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(latest), { timeout: 10_000 });
  await waitForNoJobsFor(held);
  expect([...(await statuses(held)).values()]).toEqual(held.map(() => "PAUSED"));
  const arrivedTexts = (await emu.arrivals()).posts.map((p) => p.text);
  expect(arrivedTexts).not.toContain(early.text);
  expect(arrivedTexts).not.toContain(during.text);

  const { resumed } = await resumeSubtree({ unitId: polda.id, actorId: supervisor.id });
  expect(resumed).toBe(6);
  await waitForStatus(held, ["PUBLISHED"]);
  const counts = (await emu.arrivals()).counts.filter((c) => c.text === early.text || c.text === during.text);
  expect(counts.map((c) => c.count)).toEqual([1, 1, 1, 1, 1, 1]);
});

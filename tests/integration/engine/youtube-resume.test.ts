// First: MEDIA_DIR becomes this file's own temporary directory before anything reads the environment.
import "./support/temp-media";
import { expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { YOUTUBE_CHUNK_BYTES } from "@/platforms/youtube";
import {
  approveNewPost,
  createWorld,
  history,
  startTestWorker,
  targetRow,
  testEngineConfig,
  waitForStatus,
} from "./support/engine";
import { stopWorker, workerProcessSuite } from "./support/worker-process";

// A 200 MB video goes to YouTube in chunks, each with its own timeout, through one resumable session.
// Interrupted (a chunk that times out, a worker killed with SIGKILL), Siar asks the session how far it
// got ("Content-Range: bytes */N" → 308 with Range) and continues from there: one session, the bytes
// sent about once, the video intact (docs/platforms.md "YouTube"). The file is written to a temporary
// directory of this test's own.

const MiB = 1024 * 1024;
const SIZE = 200 * MiB + 12_345;
const CHUNKS = Math.ceil(SIZE / YOUTUBE_CHUNK_BYTES);
const SESSION = "youtube POST /upload/youtube/v3/videos";
const DATA = "youtube PUT /upload/youtube/v3/videos";
const ASK = "youtube PUT /upload/youtube/v3/videos bytes */N";

// A little latency per call, so the interruptions below land mid-upload.
const suite = workerProcessSuite({ latencyMs: 25 });
const hits = suite.hits;
const stored = async (postId: string) =>
  (await db.media.findFirstOrThrow({ where: { postId }, select: { sha256: true } })).sha256;
const waitForHits = (route: string, atLeast: number) =>
  vi.waitFor(
    async () => {
      if (((await hits())[route] ?? 0) < atLeast) throw new Error(`fewer than ${atLeast} ${route}`);
    },
    { timeout: 120_000, interval: 50 },
  );

it("resumes a 200 MB upload after a chunk times out mid-file, in the same attempt and the same session", async () => {
  const worker = await startTestWorker(testEngineConfig(suite.emu));
  try {
    const world = await createWorld();
    const before = await hits();
    const post = await approveNewPost(world, { platform: "YOUTUBE", media: [{ kind: "VIDEO", bytes: SIZE }] });
    const t = post.targets[0]!;
    await waitForHits(DATA, (before[DATA] ?? 0) + 5);
    // The next chunk's answer never comes in time (YouTube kept the bytes; the worker gave up waiting).
    await suite.emu.fault({ platform: "youtube", kind: "slow", delayMs: 20_000, route: DATA });
    await waitForStatus([t.id], ["PUBLISHED"], 180_000);
    const after = await hits();
    const delta = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
    const [video] = (await suite.emu.arrivals({ platform: "youtube", account: t.account.platformAccountId })).posts;
    expect(video?.mediaSha256).toEqual([await stored(post.postId)]);
    expect((await targetRow(t.id)).platformPostId).toBe(video?.id);
    expect(delta(SESSION)).toBe(1);
    expect(delta(ASK)).toBeGreaterThanOrEqual(1);
    // Every chunk once, and at most the one that timed out again: nothing started over.
    expect(delta(DATA)).toBeLessThanOrEqual(CHUNKS + 1);
    expect((await targetRow(t.id)).attempts).toBe(1);
    console.info(`timeout mid-file: ${delta(DATA)} chunk PUTs for ${CHUNKS} chunks, ${delta(ASK)} bytes */N asks`);
  } finally {
    await worker.close();
  }
}, 240_000);

it("resumes a 200 MB upload after the worker is killed with SIGKILL mid-file, from the Range YouTube reports", async () => {
  const world = await createWorld();
  const before = await hits();
  const post = await approveNewPost(world, { platform: "YOUTUBE", media: [{ kind: "VIDEO", bytes: SIZE }] });
  const t = post.targets[0]!;
  const first = suite.spawn({ PLATFORM_TIMEOUT_MS: "30000" });
  await waitForHits(DATA, (before[DATA] ?? 0) + 10);
  await stopWorker(first, "SIGKILL");
  const atKill = ((await hits())[DATA] ?? 0) - (before[DATA] ?? 0);
  expect(atKill).toBeLessThan(CHUNKS);
  expect((await targetRow(t.id)).status).toBe("PUBLISHING");

  // A new worker finds the target left PUBLISHING, asks YouTube (308: incomplete), and continues the session.
  const second = suite.spawn({
    PLATFORM_TIMEOUT_MS: "30000",
    // Longer than one chunk takes on a loaded machine: a live upload saves its progress (and claim) per chunk.
    PUBLISH_STUCK_AFTER_MS: "10000",
    RECONCILE_EVERY_MS: "1000",
  });
  await waitForStatus([t.id], ["PUBLISHED"], 180_000);
  const after = await hits();
  const delta = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
  const [video] = (await suite.emu.arrivals({ platform: "youtube", account: t.account.platformAccountId })).posts;
  expect(video?.mediaSha256).toEqual([await stored(post.postId)]);
  expect((await targetRow(t.id)).platformPostId).toBe(video?.id);
  expect(delta(SESSION)).toBe(1);
  // What was sent before the kill is not sent again (at most the chunk in flight).
  expect(delta(DATA)).toBeLessThanOrEqual(CHUNKS + 1);
  console.info(`SIGKILL after ${atKill} of ${CHUNKS} chunks: ${delta(DATA)} chunk PUTs in all, one session`);
  expect(await history(t.id)).toEqual([
    "SCHEDULED",
    "PUBLISHING",
    "UNCONFIRMED",
    "SCHEDULED",
    "PUBLISHING",
    "PUBLISHED",
  ]);
  expect(await stopWorker(second, "SIGTERM")).toBe(0);
}, 300_000);

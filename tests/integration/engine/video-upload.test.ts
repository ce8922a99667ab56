import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/server/db";
import type { RunningWorker } from "@/worker/start-worker";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import {
  approveNewPost,
  createWorld,
  dropQueueKeys,
  startTestWorker,
  testEngineConfig,
  waitForStatus,
} from "./support/engine";

// Media go up straight from disk, piece by piece (a 500 MB video for 100 accounts must not be held
// in the worker's memory 100 times): TikTok in ordered chunks, YouTube in 4 MiB chunks of one resumable
// session, X as a multipart upload of a file-backed Blob. What the platform received must be the stored file, byte
// for byte.

const MiB = 1024 * 1024;
let emu: TestEmulator;
let worker: RunningWorker;

beforeAll(async () => {
  emu = await startTestEmulator();
  worker = await startTestWorker(
    testEngineConfig(emu, {
      platforms: { ...testEngineConfig(emu).platforms, timeoutMs: 30_000 },
    }),
    4,
  );
});

afterAll(async () => {
  await worker?.close();
  await emu?.close();
  await dropQueueKeys();
});

it("uploads a 23 MB video to TikTok in two ordered chunks, a 12 MB video to YouTube and an image to X, each arriving intact", async () => {
  const world = await createWorld();
  const tiktok = await approveNewPost(world, {
    platform: "TIKTOK",
    count: 2,
    media: [{ kind: "VIDEO", bytes: 23 * MiB + 12_345 }],
  });
  const youtube = await approveNewPost(world, {
    platform: "YOUTUBE",
    count: 1,
    media: [{ kind: "VIDEO", bytes: 12 * MiB + 7 }],
  });
  const x = await approveNewPost(world, { platform: "X", count: 1, media: [{ kind: "IMAGE", bytes: 700 * 1024 }] });
  await waitForStatus(
    [...tiktok.targets, ...youtube.targets, ...x.targets].map((t) => t.id),
    ["PUBLISHED"],
    90_000,
  );

  const stored = async (postId: string) =>
    (await db.media.findFirstOrThrow({ where: { postId }, select: { sha256: true } })).sha256;
  const arrivals = await emu.arrivals();
  const tiktokPosts = arrivals.posts.filter((p) => p.platform === "tiktok");
  expect(tiktokPosts.map((p) => p.mediaSha256)).toEqual([[await stored(tiktok.postId)], [await stored(tiktok.postId)]]);
  // 10 MiB, then the last chunk with the rest (TikTok's rule: the final chunk may hold up to 2× the size).
  expect(arrivals.hits["tiktok PUT /upload/"]).toBe(4);
  const youtubePosts = arrivals.posts.filter((p) => p.platform === "youtube");
  expect(youtubePosts.map((p) => p.mediaSha256)).toEqual([[await stored(youtube.postId)]]);
  const xPosts = arrivals.posts.filter((p) => p.platform === "x");
  expect(xPosts.map((p) => p.mediaSha256)).toEqual([[await stored(x.postId)]]);
}, 120_000);

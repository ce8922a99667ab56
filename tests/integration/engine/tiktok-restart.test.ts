// First: MEDIA_DIR becomes this file's own temporary directory before anything reads the environment.
import "./support/temp-media";
import { expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { approveNewPost, createWorld, history, targetRow } from "./support/engine";
import { stopWorker, workerProcessSuite } from "./support/worker-process";

// A worker killed with SIGKILL after TikTok's init, mid-upload, and a new worker started: the saved publish_id
// is asked about (PROCESSING_UPLOAD, not all bytes there), the upload continues from TikTok's uploaded_bytes,
// and the video goes out once: never a second init and upload. Its id comes after moderation and is filled in
// by the new worker (docs/platforms.md "TikTok").

const MiB = 1024 * 1024;
const SIZE = 100 * MiB + 4_321;
const INIT = "tiktok POST /v2/post/publish/video/init/";
const PUT = "tiktok PUT /upload/";

// A little latency per call, so the kill lands mid-upload; moderation holds the id for two more answers.
const suite = workerProcessSuite({ latencyMs: 25, moderationPolls: 2 });
const hits = suite.hits;

it("continues the saved publish_id after a SIGKILL mid-upload: one init, one video, its id filled in later", async () => {
  const world = await createWorld();
  const before = await hits();
  const post = await approveNewPost(world, { platform: "TIKTOK", media: [{ kind: "VIDEO", bytes: SIZE }] });
  const t = post.targets[0]!;
  const first = suite.spawn({ PLATFORM_TIMEOUT_MS: "30000" });
  await vi.waitFor(
    async () => {
      if (((await hits())[PUT] ?? 0) < (before[PUT] ?? 0) + 2) throw new Error("fewer than 2 chunks sent");
    },
    { timeout: 120_000, interval: 20 },
  );
  await stopWorker(first, "SIGKILL");
  const atKill = ((await hits())[PUT] ?? 0) - (before[PUT] ?? 0);
  // 10 chunks of 10 MiB, the last with the rest: the kill came before the last.
  expect(atKill).toBeLessThan(10);
  expect((await targetRow(t.id)).status).toBe("PUBLISHING");
  expect((await targetRow(t.id)).platformState).toMatchObject({ publishId: expect.any(String) });

  const second = suite.spawn({
    PLATFORM_TIMEOUT_MS: "30000",
    // Longer than one chunk takes on a loaded machine: a live upload saves its progress (and claim) per chunk.
    PUBLISH_STUCK_AFTER_MS: "10000",
    RECONCILE_EVERY_MS: "1000",
    POST_ID_CHECK_DELAY_MS: "200",
  });
  await vi.waitFor(async () => expect((await targetRow(t.id)).platformPostId).not.toBeNull(), {
    timeout: 180_000,
    interval: 100,
  });
  const after = await hits();
  const delta = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
  const videos = (await suite.emu.arrivals({ platform: "tiktok", account: t.account.platformAccountId })).posts;
  const { sha256 } = await db.media.findFirstOrThrow({ where: { postId: post.postId }, select: { sha256: true } });
  expect(videos.map((v) => v.mediaSha256)).toEqual([[sha256]]);
  expect(delta(INIT)).toBe(1);
  // What arrived before the kill is not sent again (at most the chunk in flight).
  expect(delta(PUT)).toBeLessThanOrEqual(11);
  const row = await targetRow(t.id);
  expect(row).toMatchObject({ status: "PUBLISHED", platformPostId: videos[0]!.id, lastErrorKind: null });
  expect(await history(t.id)).toEqual([
    "SCHEDULED",
    "PUBLISHING",
    "UNCONFIRMED",
    "SCHEDULED",
    "PUBLISHING",
    "PUBLISHED",
    "POSTIDRECEIVED",
  ]);
  console.info(`SIGKILL after ${atKill} of 10 chunks: ${delta(PUT)} chunk PUTs in all, ${delta(INIT)} init`);
  expect(await stopWorker(second, "SIGTERM")).toBe(0);
}, 300_000);

import { expect, it } from "vitest";
import { db } from "@/server/db";
import { approveNewPost, engineSuite, targetRow, testEngineConfig, waitForStatus } from "./support/engine";

// X takes video and GIF only through its chunked upload (initialize, append in segments, finalize, then
// STATUS until processing succeeded), images up to 5 MB through the simple one, alt text through its media
// metadata call (docs/platforms.md "X"). What X received must be the stored file, byte for byte.

const MiB = 1024 * 1024;

const suite = engineSuite({
  emulator: { processingPolls: 2 },
  // A loaded machine may take more than the usual test timeout for a 4 MiB segment; the counts below
  // would then show a retried segment.
  engine: (emu) => testEngineConfig(emu, { platforms: { ...testEngineConfig(emu).platforms, timeoutMs: 30_000 } }),
});

const stored = async (postId: string) =>
  (await db.media.findFirstOrThrow({ where: { postId }, select: { sha256: true } })).sha256;
const hits = async () => (await suite.emu.arrivals()).hits;

it("sends a 12 MB video through initialize, four appended segments, finalize and STATUS, and it arrives intact", async () => {
  const before = await hits();
  const post = await approveNewPost(suite.world, { platform: "X", media: [{ kind: "VIDEO", bytes: 12 * MiB + 7 }] });
  await waitForStatus(
    post.targets.map((t) => t.id),
    ["PUBLISHED"],
  );
  const [arrived] = (await suite.emu.arrivals({ platform: "x", account: post.targets[0]!.account.platformAccountId }))
    .posts;
  expect(arrived?.mediaSha256).toEqual([await stored(post.postId)]);
  const after = await hits();
  const delta = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
  expect(delta("x POST /2/media/upload/initialize")).toBe(1);
  expect(delta("x POST /2/media/upload/{id}/append")).toBe(4); // 4 MiB segments: 4 + 4 + 4 + 7 bytes
  expect(delta("x POST /2/media/upload/{id}/finalize")).toBe(1);
  expect(delta("x GET /2/media/upload")).toBeGreaterThanOrEqual(3); // pending, in progress ×2, succeeded
  expect(delta("x POST /2/media/upload")).toBe(0);
});

it("sends a GIF through the chunked upload too", async () => {
  const post = await approveNewPost(suite.world, { platform: "X", media: [{ kind: "GIF", bytes: 300 * 1024 }] });
  await waitForStatus(
    post.targets.map((t) => t.id),
    ["PUBLISHED"],
  );
  const [arrived] = (await suite.emu.arrivals({ platform: "x", account: post.targets[0]!.account.platformAccountId }))
    .posts;
  expect(arrived?.mediaSha256).toEqual([await stored(post.postId)]);
  expect(arrived?.altTexts).toEqual(["Foto kegiatan"]);
});

it("sends a segment again after a 503 on it, and posts once", async () => {
  const post = await approveNewPost(suite.world, {
    platform: "X",
    approve: false,
    media: [{ kind: "VIDEO", bytes: 9 * MiB }],
  });
  const account = post.targets[0]!.account.platformAccountId;
  await suite.emu.fault({
    platform: "x",
    account,
    kind: "server_error",
    status: 503,
    route: "x POST /2/media/upload/{id}/append",
  });
  const { approvePost } = await import("@/server/publishing/approve-post");
  await approvePost({ postId: post.postId, actorId: suite.world.approver.id });
  await waitForStatus(
    post.targets.map((t) => t.id),
    ["PUBLISHED"],
  );
  expect(await suite.emu.countOf("X", account, post.text)).toBe(1);
  expect((await targetRow(post.targets[0]!.id)).attempts).toBe(1);
  const [arrived] = (await suite.emu.arrivals({ platform: "x", account })).posts;
  expect(arrived?.mediaSha256).toEqual([await stored(post.postId)]);
});

it("gives images their alt text through the media metadata call", async () => {
  const post = await approveNewPost(suite.world, {
    platform: "X",
    media: [
      { kind: "IMAGE", altText: "Petugas mengatur lalu lintas" },
      { kind: "IMAGE", altText: "Warga menyeberang" },
    ],
  });
  await waitForStatus(
    post.targets.map((t) => t.id),
    ["PUBLISHED"],
  );
  const [arrived] = (await suite.emu.arrivals({ platform: "x", account: post.targets[0]!.account.platformAccountId }))
    .posts;
  expect(arrived?.altTexts).toEqual(["Petugas mengatur lalu lintas", "Warga menyeberang"]);
});

it("refuses an image over 5 MB for X before calling X, with the rule's message key", async () => {
  const before = (await hits())["x POST /2/media/upload"] ?? 0;
  const post = await approveNewPost(suite.world, { platform: "X", media: [{ kind: "IMAGE", bytes: 5 * MiB + 1 }] });
  await waitForStatus(
    post.targets.map((t) => t.id),
    ["FAILED"],
  );
  const row = await targetRow(post.targets[0]!.id);
  expect(row.lastErrorKind).toBe("validation");
  expect(row.lastError).toContain("imageTooLarge");
  expect((await hits())["x POST /2/media/upload"] ?? 0).toBe(before);
});

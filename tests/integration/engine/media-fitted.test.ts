import { removeTempMedia } from "./support/temp-media";
import { randomBytes } from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Platform } from "@/generated/prisma/client";
import { loadActor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { saveUpload } from "@/server/media/save-upload";
import { approvePost } from "@/server/publishing/approve-post";
import { emulatorKey } from "../../support/emulator";
import { approveNewPost, engineSuite, targetRow, waitForStatus } from "./support/engine";

// What the platforms receive once an upload was fitted (docs/platforms.md "Media fitted to each platform"):
// through the whole engine (upload → post → approval → worker → adapter → emulator, which fetches each URL and
// refuses a PNG for Instagram and a preview over 1 MB for LINE, tests/integration/emulator/media-by-url.test.ts).

const suite = engineSuite({ cleanup: removeTempMedia });

/** Publishes one post carrying `bytes` to one account of `platform`; what the emulator fetched for it. */
async function publishWith(platform: Platform, bytes: Buffer, fileName: string) {
  const post = await approveNewPost(suite.world, { platform, media: [], approve: false });
  const author = (await loadActor(suite.world.author.id))!;
  const media = await saveUpload(author, { unitId: suite.world.unit.id, fileName, altText: "Foto kegiatan", bytes });
  await db.media.update({ where: { id: media.id }, data: { postId: post.postId } });
  await approvePost({ postId: post.postId, actorId: suite.world.approver.id });
  const target = post.targets[0]!;
  await waitForStatus([target.id], ["PUBLISHED", "FAILED"]);
  const row = await targetRow(target.id);
  expect(row.lastError).toBeNull();
  expect(row.status).toBe("PUBLISHED");
  const arrivals = await suite.emu.arrivals({
    platform: emulatorKey[platform],
    account: target.account.platformAccountId,
  });
  const key = (url: string) => path.join(env().MEDIA_DIR, new URL(url).pathname.replace("/media/", ""));
  return { media, fetched: arrivals.posts.flatMap((p) => p.fetched ?? []), key };
}

describe("fitted media through the publishing engine", () => {
  it("a PNG posted to Instagram arrives as a JPEG, the PNG kept for the other platforms", async () => {
    const png = await sharp({ create: { width: 1200, height: 1500, channels: 3, background: "#dc2626" } })
      .png()
      .toBuffer();
    const { media, fetched, key } = await publishWith("INSTAGRAM", png, "poster.png");
    expect(media.mimeType).toBe("image/png");
    expect(fetched).toEqual([expect.objectContaining({ role: "image", format: "jpeg", width: 1200, height: 1500 })]);
    expect((await sharp(key(fetched[0]!.url)).metadata()).format).toBe("jpeg");
    expect(fetched[0]!.url).not.toBe(media.url);
  });

  it("a 3 MB photo to LINE arrives as the original with a preview of at most 1 MB", async () => {
    const photo = await sharp(randomBytes(2000 * 1500 * 3), { raw: { width: 2000, height: 1500, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(2.5 * 1024 * 1024);
    const { media, fetched } = await publishWith("LINE_OA", photo, "apel.jpg");
    const original = fetched.find((f) => f.role === "original");
    const preview = fetched.find((f) => f.role === "preview");
    expect(original).toMatchObject({ url: media.url, bytes: photo.length, format: "jpeg" });
    expect(preview?.bytes).toBeLessThanOrEqual(1_000_000);
    expect(preview?.format).toBe("jpeg");
  });
});

import { removeTempMedia } from "../engine/support/temp-media";
import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { mediaFilePath } from "@/server/media/media-path";
import { saveUpload } from "@/server/media/save-upload";
import { getPost } from "@/server/posts/get-post";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// Media fitted to each platform when uploaded (docs/platforms.md "Media fitted to each platform"): the original
// kept, Instagram's JPEG within 4:5..1.91:1, LINE's preview of at most 1 MB, the operator told what was done,
// and nothing kept when an image cannot be fitted.

let unit: Unit;
let admin: Actor;

beforeAll(async () => {
  unit = await createUnit(db, { name: `Polres Uji Media ${randomBytes(2).toString("hex")}`, kind: "Polres" });
  admin = (await loadActor((await createUser(db, { memberships: [{ unitId: unit.id, role: "ADMIN" }] })).id))!;
});
afterAll(() => removeTempMedia());

const upload = (bytes: Buffer, fileName = `uji-${randomUUID()}.png`) =>
  saveUpload(admin, { unitId: unit.id, fileName, altText: "Foto kegiatan", bytes });

const variantsOf = (mediaId: string) => db.mediaVariant.findMany({ where: { mediaId }, orderBy: { purpose: "asc" } });

/** A photo-like image (noise does not compress), `width` × `height`. */
function noise(width: number, height: number) {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
}

describe("fitting an upload to Instagram and LINE", () => {
  it("keeps a PNG as it is and gives Instagram a JPEG copy, telling the operator", async () => {
    const png = await sharp({ create: { width: 1080, height: 1350, channels: 4, background: "#2563ebaa" } })
      .png()
      .toBuffer();
    const view = await upload(png);
    expect(view.mimeType).toBe("image/png");
    expect(view.fitted).toEqual([
      { platform: "INSTAGRAM", from: "PNG", converted: true, padded: false, width: 1080, height: 1350 },
    ]);
    const [ig] = await variantsOf(view.id);
    expect(ig?.purpose).toBe("INSTAGRAM");
    const copy = await sharp(mediaFilePath(ig!.storageKey)).metadata();
    expect([copy.format, copy.width, copy.height, copy.space]).toEqual(["jpeg", 1080, 1350, "srgb"]);
    // The original file is untouched.
    const original = await db.media.findUniqueOrThrow({ where: { id: view.id } });
    expect(await readFile(mediaFilePath(original.storageKey))).toEqual(png);
  });

  it("pads a 9:16 photo with white margins to 4:5 for Instagram instead of cropping it", async () => {
    const tall = await noise(540, 960).jpeg().toBuffer();
    const view = await upload(tall, "tegak.jpg");
    expect(view.fitted).toEqual([
      { platform: "INSTAGRAM", from: "JPEG", converted: false, padded: true, width: 768, height: 960 },
    ]);
    const [ig] = await variantsOf(view.id);
    const { data, info } = await sharp(mediaFilePath(ig!.storageKey)).raw().toBuffer({ resolveWithObject: true });
    expect(info.width / info.height).toBeGreaterThanOrEqual(4 / 5);
    // The margin is white, the middle is the photo.
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (const c of px(2, 480)) expect(c).toBeGreaterThan(245);
  });

  it("leaves a JPEG Instagram already accepts alone", async () => {
    const view = await upload(await noise(600, 600).jpeg().toBuffer(), "persegi.jpg");
    expect(view.fitted).toEqual([]);
    expect(await variantsOf(view.id)).toEqual([]);
  });

  it("gives a 3 MB photo a LINE preview of at most 1 MB, and keeps the original for LINE", async () => {
    const photo = await noise(2000, 1500).jpeg({ quality: 95 }).toBuffer();
    expect(photo.length).toBeGreaterThan(2.5 * 1024 * 1024);
    const view = await upload(photo, "besar.jpg");
    const [preview] = await variantsOf(view.id);
    expect(preview?.purpose).toBe("LINE_PREVIEW");
    const bytes = await readFile(mediaFilePath(preview!.storageKey));
    expect(bytes.length).toBeLessThanOrEqual(1_000_000);
    expect((await sharp(bytes).metadata()).format).toBe("jpeg");
    expect(view.fitted).toEqual([
      expect.objectContaining({ platform: "LINE_OA", width: 1024, height: 768, generic: false }),
    ]);
    // A draft opened again shows the same notice: it is read from the stored copy, not made again.
    const postId = randomUUID();
    await db.post.create({ data: { id: postId, authorId: admin.id, unitId: unit.id, baseText: "Uji", title: null } });
    await db.media.update({ where: { id: view.id }, data: { postId } });
    const post = await getPost(admin, postId);
    expect(post.media[0]?.fitted).toEqual(view.fitted);
    expect(await db.mediaVariant.count({ where: { mediaId: view.id } })).toBe(1);
  });

  it("refuses an image whose pixels cannot be decoded with a message, keeping no row and no file", async () => {
    const png = await noise(300, 300).png().toBuffer();
    const truncated = png.subarray(0, Math.floor(png.length / 2));
    const files = async () => (await readdir(mediaFilePath(`${randomUUID()}.jpg`).replace(/[^/]+$/, ""))).length;
    const before = { rows: await db.media.count({ where: { unitId: unit.id } }), files: await files() };
    const refusal = await upload(truncated).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).fieldErrors.file).toBe("mediaFitFailed");
    expect({ rows: await db.media.count({ where: { unitId: unit.id } }), files: await files() }).toEqual(before);
  });
});

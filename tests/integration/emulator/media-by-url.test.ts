import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// Instagram and LINE fetch media by URL; the emulator fetches too and refuses what their references refuse.
// Each case quotes the reference. The files are served by the emulator's "local app" mapping
// (src/emulator/media-fetch.ts): URLs under the app's address are read from its media folder.

const dir = mkdtempSync(path.join(tmpdir(), "siar-emu-media-"));
const APP = "https://siar.humas.example.go.id";
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ localApp: { origin: APP, mediaDir: dir } });
});
beforeEach(async () => {
  await fetch(`${emu.url}/__control/reset`, { method: "POST" });
  await setLocalApp({ origin: APP, mediaDir: dir });
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setLocalApp(localApp: { origin: string; mediaDir: string } | null) {
  const res = await fetch(`${emu.url}/__control/local-app`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ localApp }),
  });
  expect(res.ok).toBe(true);
}

/** Stores a file in the app's media folder; its public URL under `origin`. */
async function serve(bytes: Buffer, ext: "jpg" | "png" | "gif", origin = APP): Promise<string> {
  const key = `${randomUUID()}.${ext}`;
  await writeFile(path.join(dir, key), bytes);
  return `${origin}/media/${key}`;
}

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#0ea5e9" } });
/** `size` bytes that start as a JPEG (a platform checks the size before decoding anything). */
async function bigJpeg(size: number) {
  const head = await image(40, 50).jpeg().toBuffer();
  const b = Buffer.alloc(size, 0x11);
  head.copy(b);
  return b;
}

describe("Instagram image_url", () => {
  // developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media, "Image
  // specifications": "Format: JPEG", "File size: 8 MB maximum", "Aspect ratio: Must be within a 4:5 to 1.91:1
  // range". Error subcodes from the Instagram platform's error table.
  const account = "17841400000000101";
  const token = "demo-access-ig-media";
  async function container(fields: Record<string, string>) {
    const res = await fetch(`${emu.baseUrls.INSTAGRAM}/v25.0/${account}/media`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, access_token: token }),
    });
    return { status: res.status, body: (await res.json()) as { id?: string; error?: { error_subcode?: number } } };
  }

  it('refuses a PNG: "Format: JPEG"', async () => {
    const r = await container({
      image_url: await serve(await image(1080, 1350).png().toBuffer(), "png"),
      caption: "a",
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.error_subcode).toBe(2207005);
  });

  it("refuses a PNG served under a .jpg name: the bytes decide, not the name", async () => {
    const r = await container({ image_url: await serve(await image(1080, 1350).png().toBuffer(), "jpg") });
    expect(r.body.error?.error_subcode).toBe(2207005);
  });

  it('refuses a 9:16 JPEG: "Aspect ratio: Must be within a 4:5 to 1.91:1 range"', async () => {
    const r = await container({ image_url: await serve(await image(1080, 1920).jpeg().toBuffer(), "jpg") });
    expect(r.status).toBe(400);
    expect(r.body.error?.error_subcode).toBe(2207009);
    const wide = await container({ image_url: await serve(await image(2000, 1000).jpeg().toBuffer(), "jpg") });
    expect(wide.body.error?.error_subcode).toBe(2207009);
  });

  it('refuses a JPEG over 8 MB: "File size: 8 MB maximum"', async () => {
    const r = await container({ image_url: await serve(await bigJpeg(8 * 1024 * 1024 + 1), "jpg") });
    expect(r.body.error?.error_subcode).toBe(2207004);
  });

  it("refuses an image it cannot fetch", async () => {
    const r = await container({ image_url: `${APP}/media/${randomUUID()}.jpg` });
    expect(r.body.error?.error_subcode).toBe(2207052);
  });

  it("takes a JPEG at exactly 4:5 and at 1.91:1, and records what it fetched", async () => {
    const url = await serve(await image(1080, 1350).jpeg().toBuffer(), "jpg");
    const r = await container({ image_url: url, caption: "Empat banding lima" });
    expect(r.status).toBe(200);
    expect((await container({ image_url: await serve(await image(1910, 1000).jpeg().toBuffer(), "jpg") })).status).toBe(
      200,
    );
    const published = await fetch(`${emu.baseUrls.INSTAGRAM}/v25.0/${account}/media_publish`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ creation_id: r.body.id!, access_token: token }),
    });
    expect(published.status).toBe(200);
    const [post] = (await emu.arrivals({ platform: "instagram" })).posts;
    expect(post?.fetched).toEqual([
      { url, role: "image", format: "jpeg", bytes: expect.any(Number), width: 1080, height: 1350 },
    ]);
  });
});

describe("LINE image and video messages", () => {
  // developers.line.biz/en/reference/messaging-api/#image-message: originalContentUrl "HTTPS over TLS 1.2 or
  // later", "JPEG or PNG", "Max file size: 10 MB"; previewImageUrl "HTTPS over TLS 1.2 or later", "JPEG or
  // PNG", "Max file size: 1 MB"; both "Max character limit: 2000". The video message's previewImageUrl the same.
  // (line/line-openapi messaging-api.yml: ImageMessage and VideoMessage require both URLs, format uri.)
  const token = "demo-access-line-media";
  async function broadcast(messages: unknown[]) {
    const res = await fetch(`${emu.baseUrls.LINE_OA}/v2/bot/message/broadcast`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "X-Line-Retry-Key": randomUUID(),
      },
      body: JSON.stringify({ messages }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { message?: string; details?: { property?: string; message: string }[] },
    };
  }
  const imageMessage = (originalContentUrl: string, previewImageUrl: string) => ({
    type: "image",
    originalContentUrl,
    previewImageUrl,
  });

  it('refuses http:// URLs: "HTTPS over TLS 1.2 or later"', async () => {
    const jpeg = await image(400, 300).jpeg().toBuffer();
    const other = "http://cdn.example.com";
    const r = await broadcast([imageMessage(await serve(jpeg, "jpg"), `${other}/media/${randomUUID()}.jpg`)]);
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ property: "messages[0].previewImageUrl", message: "Must be a valid HTTPS URL" }]);
  });

  it("accepts http only for the local app it was told of, and not once that is withdrawn", async () => {
    const local = "http://127.0.0.1:3999";
    await setLocalApp({ origin: local, mediaDir: dir });
    const url = await serve(await image(400, 300).jpeg().toBuffer(), "jpg", local);
    expect((await broadcast([imageMessage(url, url)])).status).toBe(200);
    await setLocalApp(null);
    const refused = await broadcast([imageMessage(url, url)]);
    expect(refused.status).toBe(400);
    expect(refused.body.details?.[0]?.message).toBe("Must be a valid HTTPS URL");
  });

  it('refuses a preview over 1 MB: "Max file size: 1 MB"', async () => {
    const big = await serve(await bigJpeg(1_000_001), "jpg");
    const r = await broadcast([{ type: "text", text: "Foto" }, imageMessage(big, big)]);
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      { property: "messages[1].previewImageUrl", message: "The file must be at most 1 MB" },
    ]);
    expect((await emu.arrivals({ platform: "line" })).posts).toEqual([]);
  });

  it('refuses an original over 10 MB: "Max file size: 10 MB"', async () => {
    const preview = await serve(await image(240, 240).jpeg().toBuffer(), "jpg");
    const r = await broadcast([imageMessage(await serve(await bigJpeg(10_000_001), "jpg"), preview)]);
    expect(r.body.details?.[0]).toEqual({
      property: "messages[0].originalContentUrl",
      message: "The file must be at most 10 MB",
    });
  });

  it('refuses a GIF: "JPEG or PNG", and a video whose preview is not an image', async () => {
    const gif = await serve(await image(100, 100).gif().toBuffer(), "gif");
    const r = await broadcast([imageMessage(gif, gif)]);
    expect(r.body.details?.[0]?.message).toBe("The file must be a JPEG or PNG image");
    const video = await broadcast([
      { type: "video", originalContentUrl: `${APP}/media/${randomUUID()}.mp4`, previewImageUrl: gif },
    ]);
    expect(video.body.details?.[0]).toEqual({
      property: "messages[0].previewImageUrl",
      message: "The file must be a JPEG or PNG image",
    });
  });

  it("takes an HTTPS PNG original with a JPEG preview under 1 MB, and records both", async () => {
    const original = await serve(await image(1200, 900).png().toBuffer(), "png");
    const preview = await serve(await image(240, 180).jpeg().toBuffer(), "jpg");
    expect((await broadcast([imageMessage(original, preview)])).status).toBe(200);
    const [post] = (await emu.arrivals({ platform: "line" })).posts;
    expect(post?.fetched?.map((f) => [f.role, f.format, f.url])).toEqual([
      ["original", "png", original],
      ["preview", "jpeg", preview],
    ]);
  });
});

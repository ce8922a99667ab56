import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// The emulator's X media endpoints refuse what X refuses. Each case quotes the reference it follows:
// X's openapi.json (xdevplatform/xdk, specs/openapi.json 2.167) and docs.x.com/x-api/media.

let emu: TestEmulator;
let base: string;
const token = "demo-access-x-media-test";
const auth = { Authorization: `Bearer ${token}` };

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
const MP4 = Buffer.from([0, 0, 0, 0x18, ...Buffer.from("ftypmp42", "latin1")]);
const file = (head: Buffer, size: number) => {
  const b = size > 64 * 1024 ? Buffer.alloc(size, 7) : randomBytes(size);
  head.copy(b);
  return b;
};

beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.config({ processingPolls: 1 });
  base = emu.baseUrls.X;
});
afterAll(async () => emu?.close());

async function simple(bytes: Buffer, category: string) {
  const body = new FormData();
  body.set("media", new Blob([new Uint8Array(bytes)]), "upload");
  body.set("media_category", category);
  const res = await fetch(`${base}/2/media/upload`, { method: "POST", headers: auth, body });
  return { status: res.status, body: (await res.json()) as { data?: { id: string }; errors?: { message: string }[] } };
}

async function json(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: { id: string; processing_info?: { state: string } };
      errors?: { message: string }[];
    },
  };
}

async function chunked(bytes: Buffer, mediaType: string, category: string) {
  const init = await json("/2/media/upload/initialize", {
    media_type: mediaType,
    total_bytes: bytes.length,
    media_category: category,
  });
  expect(init.status).toBe(200);
  const id = init.body.data!.id;
  const body = new FormData();
  body.set("media", new Blob([new Uint8Array(bytes)]), "segment");
  body.set("segment_index", "0");
  const append = await fetch(`${base}/2/media/upload/${id}/append`, { method: "POST", headers: auth, body });
  expect(append.status).toBe(200);
  return { id, finalize: await json(`/2/media/upload/${id}/finalize`, {}) };
}

const status = async (id: string) => {
  const res = await fetch(`${base}/2/media/upload?command=STATUS&media_id=${id}`, { headers: auth });
  return {
    status: res.status,
    body: (await res.json()) as { data?: { processing_info?: { state: string } }; errors?: unknown[] },
  };
};

describe("X media in the emulator", () => {
  it('refuses a video or GIF on the simple upload: "the older simple upload (images only)"', async () => {
    const video = await simple(file(MP4, 4096), "tweet_video");
    expect(video.status).toBe(400);
    expect(video.body.errors?.[0]?.message).toMatch(/images only/);
    expect((await simple(file(Buffer.from("GIF89a"), 4096), "tweet_gif")).status).toBe(400);
  });

  it('refuses an image over 5 MB on the simple upload: "Image: 5 MB"', async () => {
    const over = await simple(file(JPEG, 5 * 1024 * 1024 + 1), "tweet_image");
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.message).toMatch(/exceeds the maximum/);
    expect((await simple(file(JPEG, 5 * 1024 * 1024), "tweet_image")).status).toBe(200);
  });

  it("refuses a media_category that does not match the file", async () => {
    // Video bytes declared as an image.
    expect((await simple(file(MP4, 4096), "tweet_image")).status).toBe(400);
    // media_type and media_category of initialize must agree.
    const init = await json("/2/media/upload/initialize", {
      media_type: "video/mp4",
      total_bytes: 4096,
      media_category: "tweet_image",
    });
    expect(init.status).toBe(400);
    // An image announced as video/mp4: finalize accepts it for processing, which then fails.
    const { id, finalize } = await chunked(file(JPEG, 4096), "video/mp4", "tweet_video");
    expect(finalize.body.data?.processing_info?.state).toBe("pending");
    expect((await status(id)).body.data?.processing_info?.state).toBe("failed");
  });

  it('refuses a post carrying unknown media or media still processing: "Your media IDs are invalid."', async () => {
    const unknown = await json("/2/tweets", { text: "Himbauan", media: { media_ids: ["1234567890123456789"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.message).toBe("Your media IDs are invalid.");
    const { id } = await chunked(file(MP4, 8192), "video/mp4", "tweet_video");
    const early = await json("/2/tweets", { text: "Himbauan video", media: { media_ids: [id] } });
    expect(early.status).toBe(400);
    // processingPolls: 1 → the second STATUS is succeeded; then the post goes through.
    expect((await status(id)).body.data?.processing_info?.state).toBe("in_progress");
    expect((await status(id)).body.data?.processing_info?.state).toBe("succeeded");
    expect((await json("/2/tweets", { text: "Himbauan video", media: { media_ids: [id] } })).status).toBe(201);
    expect((await status("1234567890123456789")).status).toBe(400);
  });

  it("refuses a finalize before every announced byte arrived", async () => {
    const init = await json("/2/media/upload/initialize", {
      media_type: "video/mp4",
      total_bytes: 10_000,
      media_category: "tweet_video",
    });
    const id = init.body.data!.id;
    const body = new FormData();
    body.set("media", new Blob([new Uint8Array(file(MP4, 4_000))]), "segment");
    body.set("segment_index", "0");
    await fetch(`${base}/2/media/upload/${id}/append`, { method: "POST", headers: auth, body });
    const finalize = await json(`/2/media/upload/${id}/finalize`, {});
    expect(finalize.status).toBe(400);
    expect(finalize.body.errors?.[0]?.message).toMatch(/mismatch/);
  });
});

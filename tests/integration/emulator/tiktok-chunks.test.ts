import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// The emulator holds a TikTok FILE_UPLOAD to the chunk rules of TikTok's Media Transfer Guide
// (developers.tiktok.com/doc/content-posting-api-media-transfer-guide), quoted below.

const MiB = 1024 * 1024;
let emu: TestEmulator;
const auth = { Authorization: "Bearer demo-access-tiktok-chunks", "Content-Type": "application/json; charset=UTF-8" };

beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.config({ limits: false });
});
afterAll(async () => emu?.close());

async function init(videoSize: number, chunkSize: number, count: number) {
  const res = await fetch(`${emu.baseUrls.TIKTOK}/v2/post/publish/video/init/`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({
      post_info: { title: "Himbauan", privacy_level: "SELF_ONLY" },
      source_info: { source: "FILE_UPLOAD", video_size: videoSize, chunk_size: chunkSize, total_chunk_count: count },
    }),
  });
  const body = (await res.json()) as { data: { upload_url?: string }; error: { code: string; message: string } };
  return { status: res.status, body };
}

describe("TikTok chunk rules in the emulator", () => {
  it('"The value of total_chunk_count should be equal to video_size divided by chunk_size, rounded down"', async () => {
    expect((await init(23 * MiB, 10 * MiB, 3)).status).toBe(400);
    expect((await init(23 * MiB, 10 * MiB, 2)).status).toBe(200);
  });

  it('"Each chunk must be at least 5 MB but no greater than 64 MB, except for the final chunk … (up to 128 MB)"', async () => {
    const small = await init(40 * MiB, 4 * MiB, 10);
    expect(small.status).toBe(400);
    expect(small.body.error.code).toBe("invalid_params");
    expect((await init(200 * MiB, 65 * MiB, 3)).status).toBe(400);
    // 64 MiB chunks of 190 MiB: two chunks, the final one 126 MiB.
    expect((await init(190 * MiB, 64 * MiB, 2)).status).toBe(200);
  });

  it('"Videos with a total size less than 5 MB must be uploaded as a whole"', async () => {
    expect((await init(4 * MiB, 2 * MiB, 2)).status).toBe(400);
    expect((await init(4 * MiB, 4 * MiB, 1)).status).toBe(200);
  });
});

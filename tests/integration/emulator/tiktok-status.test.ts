import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// The emulator answers TikTok's status fetch as its Content Posting API reference says ("Get Post Status",
// developers.tiktok.com/doc/content-posting-api-reference-get-video-status), quoted below: the post id only after
// moderation, as int64 JSON numbers, and at most 30 requests a minute per user access token.

let emu: TestEmulator;
const token = (who: string) => ({
  Authorization: `Bearer demo-access-${who}`,
  "Content-Type": "application/json; charset=UTF-8",
});

beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.config({ processingPolls: 0 });
});
afterAll(async () => emu?.close());

/** A one-chunk video sent whole: answers its publish_id. */
async function publish(who: string): Promise<string> {
  const bytes = Buffer.alloc(64 * 1024, 1);
  const init = await fetch(`${emu.baseUrls.TIKTOK}/v2/post/publish/video/init/`, {
    method: "POST",
    headers: token(who),
    body: JSON.stringify({
      post_info: { title: "Himbauan", privacy_level: "PUBLIC_TO_EVERYONE" },
      source_info: { source: "FILE_UPLOAD", video_size: bytes.length, chunk_size: bytes.length, total_chunk_count: 1 },
    }),
  });
  const { data } = (await init.json()) as { data: { publish_id: string; upload_url: string } };
  const put = await fetch(data.upload_url, {
    method: "PUT",
    headers: { "Content-Type": "video/mp4", "Content-Range": `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
  });
  expect(put.status).toBe(201);
  return data.publish_id;
}

const status = async (who: string, publishId: string) => {
  const res = await fetch(`${emu.baseUrls.TIKTOK}/v2/post/publish/status/fetch/`, {
    method: "POST",
    headers: token(who),
    body: JSON.stringify({ publish_id: publishId }),
  });
  return { status: res.status, text: await res.text() };
};

describe("TikTok's status fetch in the emulator", () => {
  it('"developers are not provided with the post_id until this process [moderation] is complete"', async () => {
    await emu.config({ moderationPolls: 2 });
    const id = await publish("moderated");
    for (let i = 0; i < 2; i++) {
      const s = await status("moderated", id);
      expect(JSON.parse(s.text)).toMatchObject({
        data: { status: "PUBLISH_COMPLETE", publicaly_available_post_id: [] },
        error: { code: "ok" },
      });
    }
    // Then the id, as a JSON number of 19 digits (int64): more than a JavaScript number holds exactly.
    const named = await status("moderated", id);
    const digits = /"publicaly_available_post_id":\[(\d+)\]/.exec(named.text)?.[1];
    expect(digits).toMatch(/^\d{19}$/);
    expect(BigInt(digits!)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const [arrived] = (await emu.arrivals({ platform: "tiktok", account: "moderated" })).posts;
    expect(arrived!.id).toBe(digits);
    await emu.config({ moderationPolls: 0 });
  });

  it('holds the id back for a time too (moderation "usually finishes within one minute")', async () => {
    await emu.config({ moderationMs: 60_000 });
    const id = await publish("slow-moderation");
    expect(JSON.parse((await status("slow-moderation", id)).text).data.publicaly_available_post_id).toEqual([]);
    await emu.advanceClock(61_000);
    expect((await status("slow-moderation", id)).text).toMatch(/"publicaly_available_post_id":\[\d{19}\]/);
    await emu.config({ moderationMs: 0 });
  });

  it('"Each user access_token is limited to 30 requests per minute": the 31st answers 429, another token is not', async () => {
    const id = await publish("poller");
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push(await status("poller", id));
    expect(answers.slice(0, 30).every((a) => a.status === 200)).toBe(true);
    expect(answers[30]!.status).toBe(429);
    expect(JSON.parse(answers[30]!.text)).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    expect((await status("other-creator", await publish("other-creator"))).status).toBe(200);
  });

  it("answers a publish_id only to the creator who started it", async () => {
    const id = await publish("owner");
    const s = await status("stranger", id);
    expect(s.status).toBe(400);
    expect(JSON.parse(s.text)).toMatchObject({ error: { code: "invalid_publish_id" } });
  });
});

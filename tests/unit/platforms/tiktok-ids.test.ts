import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseExactJson } from "@/platforms/http";
import { tiktokAdapter } from "@/platforms/tiktok";
import type { PublishRequest } from "@/platforms/types";

// TikTok sends post ids as JSON numbers (int64, 19 digits): JSON.parse would round them to the nearest double.
// The TikTok answers are read with every digit kept, and the status answer is read as TikTok writes it:
// PUBLISH_COMPLETE with no id yet while moderation runs (docs/platforms.md "TikTok").

const BIG = "7301234567890123457";

describe("reading JSON without losing digits", () => {
  it("keeps an int64 id whole where JSON.parse rounds it", () => {
    const text = `{"data":{"publicaly_available_post_id":[${BIG}],"uploaded_bytes":1048576}}`;
    expect(
      String(
        (JSON.parse(text) as { data: { publicaly_available_post_id: number[] } }).data.publicaly_available_post_id[0],
      ),
    ).not.toBe(BIG);
    expect(parseExactJson(text)).toEqual({ data: { publicaly_available_post_id: [BIG], uploaded_bytes: 1048576 } });
  });

  it("keeps numbers that fit as numbers, the largest safe integer included, and big negatives as digits", () => {
    expect(parseExactJson(`[9007199254740991, 9007199254740993, -9007199254740993, 1.5, 0]`)).toEqual([
      9007199254740991,
      "9007199254740993",
      "-9007199254740993",
      1.5,
      0,
    ]);
  });

  it("answers null for text that is not JSON", () => {
    expect(parseExactJson("<html>502 Bad Gateway</html>")).toBeNull();
    expect(parseExactJson("")).toBeNull();
  });
});

describe("TikTok's status answer", () => {
  let server: Server;
  let answer: { status: number; body: string } = { status: 200, body: "" };
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        bodies.push(body);
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const check = (state: PublishRequest["state"] = { publishId: "v_pub_file~v2-1.1" }) =>
    tiktokAdapter({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeoutMs: 2_000,
      pollIntervalMs: 1,
      maxPolls: 1,
      rateLimitFallbackMs: 1_000,
    }).checkStatus({
      targetId: "t",
      account: { platformAccountId: "open-id", handle: "humas.polri" },
      credentials: { accessToken: "token" },
      content: {
        text: "",
        title: null,
        media: [{ kind: "VIDEO", mimeType: "video/mp4", url: "", filePath: "", sizeBytes: 30_000_000, altText: null }],
      },
      state,
      saveState: async () => undefined,
    });
  const ok = (data: string) => `{"data":${data},"error":{"code":"ok","message":"","log_id":"X"}}`;

  it("asks for the saved publish_id and reads the public id with all 19 digits, with the video's link", async () => {
    answer = { status: 200, body: ok(`{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[${BIG}]}`) };
    expect(await check()).toEqual({
      kind: "published",
      platformPostId: BIG,
      url: `https://www.tiktok.com/@humas.polri/video/${BIG}`,
    });
    expect(JSON.parse(bodies.at(-1)!)).toEqual({ publish_id: "v_pub_file~v2-1.1" });
  });

  it("takes PUBLISH_COMPLETE with an empty id list (moderation) as out, not yet named: no id, no link", async () => {
    answer = { status: 200, body: ok(`{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[]}`) };
    expect(await check()).toEqual({ kind: "published", platformPostId: null, url: null });
  });

  it("lets an upload that stopped halfway go on with the same publish_id, and says why TikTok refused", async () => {
    const state = { publishId: "v_pub_file~v2-1.2", uploadUrl: "http://x/upload", chunkSize: 10_485_760, count: 2 };
    answer = { status: 200, body: ok(`{"status":"PROCESSING_UPLOAD","uploaded_bytes":10485760}`) };
    expect(await check(state)).toEqual({ kind: "absent", state });
    answer = {
      status: 429,
      body: `{"data":{},"error":{"code":"rate_limit_exceeded","message":"API rate limit exceeded","log_id":"X"}}`,
    };
    expect(await check()).toMatchObject({ kind: "pending", refused: "rate_limited" });
    answer = {
      status: 401,
      body: `{"data":{},"error":{"code":"access_token_invalid","message":"The access token is invalid","log_id":"X"}}`,
    };
    expect(await check()).toMatchObject({ kind: "pending", refused: "auth" });
  });
});

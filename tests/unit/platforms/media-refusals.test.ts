import { describe, expect, it } from "vitest";
import { instagramAdapter } from "@/platforms/instagram";
import { lineAdapter } from "@/platforms/line";
import type { AdapterConfig, PublishMedia, PublishRequest } from "@/platforms/types";

// What the adapters refuse before calling the platform, so nothing half-right is sent: LINE's media must be
// HTTPS with a preview of at most 1 MB (developers.line.biz/en/reference/messaging-api/#image-message), and
// Instagram publishes JPEG only. The base URLs are unreachable on purpose: a call would fail the test.

const cfg = (baseUrl: string): AdapterConfig => ({
  baseUrl,
  timeoutMs: 200,
  pollIntervalMs: 10,
  maxPolls: 1,
  rateLimitFallbackMs: 1000,
});
const image = (m: Partial<PublishMedia>): PublishMedia => ({
  kind: "IMAGE",
  mimeType: "image/jpeg",
  url: "https://siar.humas.example.go.id/media/a.jpg",
  filePath: "/nonexistent",
  sizeBytes: 200_000,
  altText: "Foto",
  ...m,
});
const request = (media: PublishMedia[]): PublishRequest => ({
  targetId: "8d4d8f4e-2a8b-4a56-9d1e-0c6a0c3b1f11",
  account: { platformAccountId: "U1", handle: "humas" },
  credentials: { accessToken: "t" },
  content: { text: "Uji", title: null, media },
  state: {},
  saveState: () => Promise.reject(new Error("nothing may be saved before a refusal")),
});

describe("media refused before any call", () => {
  it("LINE (the real HTTPS host): an http:// media URL", async () => {
    const out = await lineAdapter(cfg("https://127.0.0.1:1")).publish(
      request([image({ url: "http://siar.humas.example.go.id/media/a.jpg" })]),
    );
    expect(out).toEqual({ kind: "permanent", message: expect.stringMatching(/HTTPS only/) });
  });

  it("LINE: an image over 1 MB without a preview, and a video without one", async () => {
    const line = lineAdapter(cfg("http://127.0.0.1:1"));
    expect(await line.publish(request([image({ sizeBytes: 1_000_001 })]))).toEqual({
      kind: "permanent",
      message: expect.stringMatching(/preview image of at most 1 MB/),
    });
    expect(await line.publish(request([image({ kind: "VIDEO", mimeType: "video/mp4" })]))).toEqual({
      kind: "permanent",
      message: expect.stringMatching(/preview image for a video/),
    });
  });

  it("Instagram: an image that is not JPEG (one uploaded before Siar made JPEG copies)", async () => {
    const out = await instagramAdapter(cfg("http://127.0.0.1:1")).publish(request([image({ mimeType: "image/png" })]));
    expect(out).toEqual({ kind: "permanent", message: expect.stringMatching(/JPEG images only/) });
  });
});

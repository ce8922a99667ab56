import { z } from "zod";
import { checkRules } from "@/platforms/rules";
import { http, joinUrl, parse, type HttpResponse } from "@/platforms/http";
import type {
  AdapterConfig,
  PlatformAdapter,
  PlatformState,
  PublishOutcome,
  PublishRequest,
  StatusOutcome,
} from "@/platforms/types";

// LINE Official Account broadcast (docs/platforms.md "LINE Official Account"). LINE is the one platform with a real
// idempotency key: X-Line-Retry-Key. We use the target's own id (a UUID), so every attempt for a
// target carries the same key without storing anything, and a repeat answers 409 "already accepted".

const errorAnswer = z.object({
  message: z.string(),
  details: z.array(z.object({ message: z.string(), property: z.string().optional() })).optional(),
});
const insight = z.object({
  overview: z.object({
    delivered: z.number().nullable().optional(),
    uniqueImpression: z.number().nullable().optional(),
    uniqueClick: z.number().nullable().optional(),
  }),
});

/** LINE's image message (developers.line.biz/en/reference/messaging-api/#image-message): both URLs HTTPS,
 * JPEG or PNG, the original at most 10 MB, the preview at most 1 MB (read as decimal MB, the stricter). */
const PREVIEW_MAX_BYTES = 1_000_000;

function messages(req: PublishRequest): Record<string, string>[] | { refused: string } {
  const out: Record<string, string>[] = [];
  if (req.content.text.trim()) out.push({ type: "text", text: req.content.text });
  for (const m of req.content.media) {
    if (m.kind === "VIDEO") {
      // The plain preview drawn at upload (src/server/media/fit-media.ts); a video uploaded before has none.
      if (!m.preview)
        return { refused: "LINE needs a preview image for a video and this one has none: upload the video again" };
      out.push({ type: "video", originalContentUrl: m.url, previewImageUrl: m.preview.url });
      continue;
    }
    // The preview fitted at upload, or the image itself when it is within LINE's 1 MB for previews.
    const preview = m.preview?.url ?? (m.sizeBytes <= PREVIEW_MAX_BYTES ? m.url : null);
    if (!preview)
      return {
        refused:
          "LINE takes a preview image of at most 1 MB and this image has none: upload it again so Siar makes one",
      };
    out.push({ type: "image", originalContentUrl: m.url, previewImageUrl: preview });
  }
  return out;
}

/** LINE fetches media only over HTTPS. Against the real host (HTTPS) an http:// address is refused before
 * anything is sent; a local emulator (plain http) judges it itself, strictly (docs/platforms.md "The emulator"). */
function insecureMedia(cfg: AdapterConfig, list: Record<string, string>[]): string | null {
  if (!cfg.baseUrl.startsWith("https:")) return null;
  const bad = list
    .flatMap((m) => [m.originalContentUrl, m.previewImageUrl])
    .find((u) => u && !u.startsWith("https://"));
  return bad ? `LINE fetches media over HTTPS only; ${bad} is not (set PUBLIC_BASE_URL to the HTTPS address)` : null;
}

export function classifyLine(res: HttpResponse, fallbackMs: number): PublishOutcome {
  const e = parse(errorAnswer, res.body);
  const detail = e?.details?.map((d) => (d.property ? `${d.property}: ${d.message}` : d.message)).join("; ");
  const message = e ? (detail ? `${e.message} (${detail})` : e.message) : `HTTP ${res.status}`;
  if (res.status === 429) {
    // The monthly quota does not come back within any wait worth scheduling: a person must decide.
    if (/monthly limit/i.test(message)) return { kind: "permanent", message };
    return { kind: "rate_limited", retryAt: new Date(Date.now() + fallbackMs), message };
  }
  if (res.status === 401) return { kind: "auth", message };
  if (res.status >= 500) return { kind: "transient", message };
  return { kind: "permanent", message };
}

/**
 * LINE honours a retry key for 24 hours after the first request (docs/platforms.md "LINE"); past that, the
 * same key sends again. We stop trusting it an hour early.
 */
const RETRY_KEY_TRUSTED_MS = 23 * 3_600_000;

/** When the first send with this target's key left, if an earlier attempt recorded it. */
function keySince(state: PlatformState): number | null {
  const v = state.retryKeySince;
  return typeof v === "number" ? v : null;
}

export function lineAdapter(cfg: AdapterConfig): PlatformAdapter {
  async function broadcast(req: PublishRequest, now = Date.now()): Promise<PublishOutcome> {
    const list = messages(req);
    if (!Array.isArray(list)) return { kind: "permanent", message: list.refused };
    const insecure = insecureMedia(cfg, list);
    if (insecure) return { kind: "permanent", message: insecure };
    const since = keySince(req.state);
    if (since !== null && now - since > RETRY_KEY_TRUSTED_MS)
      return {
        kind: "unknown",
        message:
          "An earlier send may have reached LINE more than 23 hours ago; its retry key no longer protects a resend",
        state: req.state,
      };
    if (since === null) await req.saveState({ ...req.state, retryKeySince: now });
    const res = await http(
      joinUrl(cfg.baseUrl, "/v2/bot/message/broadcast"),
      {
        method: "POST",
        headers: {
          Authorization: `Bearer ${req.credentials.accessToken}`,
          "Content-Type": "application/json",
          "X-Line-Retry-Key": req.targetId,
        },
        body: JSON.stringify({ messages: list }),
      },
      cfg.timeoutMs,
    );
    if (res.kind === "network") {
      return res.maybeSent
        ? { kind: "unknown", message: res.message, state: { retryKey: req.targetId, retryKeySince: since ?? now } }
        : { kind: "transient", message: res.message };
    }
    if (res.status === 409) {
      const accepted = res.headers.get("x-line-accepted-request-id");
      if (accepted) return { kind: "published", platformPostId: accepted, url: null };
    }
    if (res.status >= 300) return classifyLine(res, cfg.rateLimitFallbackMs);
    const requestId = res.headers.get("x-line-request-id") ?? req.targetId;
    return { kind: "published", platformPostId: requestId, url: null };
  }

  return {
    platform: "LINE_OA",
    validate: (content) => checkRules("LINE_OA", content),
    publish: broadcast,

    async checkStatus(req): Promise<StatusOutcome> {
      // Sending again with the same retry key is the check: 409 means the first one was accepted,
      // 200 means it had not arrived and has now gone out exactly once. Only while LINE still knows the key.
      const since = keySince(req.state);
      if (since !== null && Date.now() - since > RETRY_KEY_TRUSTED_MS) return { kind: "unsupported" };
      const r = await broadcast(req);
      if (r.kind === "published") return { kind: "published", platformPostId: r.platformPostId, url: null };
      if (r.kind === "permanent") return { kind: "absent", state: {} };
      return { kind: "pending", message: r.message };
    },

    async fetchMetrics(req) {
      const out = [];
      for (const id of req.platformPostIds) {
        const res = await http(
          joinUrl(cfg.baseUrl, `/v2/bot/insight/message/event?requestId=${encodeURIComponent(id)}`),
          { headers: { Authorization: `Bearer ${req.credentials.accessToken}` } },
          cfg.timeoutMs,
        );
        if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
        if (res.status >= 300) {
          const e = classifyLine(res, cfg.rateLimitFallbackMs);
          if (e.kind !== "published" && e.kind !== "unknown") return { kind: "failed", error: e };
          continue;
        }
        const o = parse(insight, res.body)?.overview;
        if (o)
          out.push({
            platformPostId: id,
            views: o.uniqueImpression ?? null,
            likes: null,
            comments: null,
            shares: null,
            saves: null,
            clicks: o.uniqueClick ?? null,
          });
      }
      return { kind: "ok", metrics: out };
    },

    refreshToken: async () => ({
      kind: "reconnect",
      message: "LINE channel access tokens are re-issued, not refreshed; enter a new token",
    }),
  };
}

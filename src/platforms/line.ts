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

function messages(req: PublishRequest) {
  const out: Record<string, string>[] = [];
  if (req.content.text.trim()) out.push({ type: "text", text: req.content.text });
  for (const m of req.content.media) {
    // LINE shows previewImageUrl before the tap; we have no separate thumbnail, so the file doubles as one.
    out.push({ type: m.kind === "VIDEO" ? "video" : "image", originalContentUrl: m.url, previewImageUrl: m.url });
  }
  return out;
}

function classifyLine(res: HttpResponse, fallbackMs: number): PublishOutcome {
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
        body: JSON.stringify({ messages: messages(req) }),
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

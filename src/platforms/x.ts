import { openAsBlob } from "node:fs";
import { z } from "zod";
import { checkRules } from "@/platforms/rules";
import {
  answerOnPublish,
  fileBlob,
  fileSize,
  form,
  http,
  joinUrl,
  networkOnPublish,
  networkTransient,
  parse,
  resetFromSeconds,
  sleep,
  statusClass,
  type HttpResponse,
} from "@/platforms/http";
import type {
  AdapterConfig,
  Credentials,
  PlatformAdapter,
  PostMetrics,
  PublishMedia,
  PublishOutcome,
  PublishRequest,
} from "@/platforms/types";
import { refreshWithForm } from "@/platforms/oauth";

// X API v2 (docs/platforms.md "X"). Posting has no idempotency key and no way to look a post up by
// what we sent, so an unanswered POST /2/tweets stays UNCONFIRMED for a person to check.

const problem = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z.array(z.object({ message: z.string(), code: z.number().optional() })).optional(),
});
const created = z.object({ data: z.object({ id: z.string(), text: z.string().optional() }) });
const mediaInfo = z.object({
  data: z.object({
    id: z.string().optional(),
    processing_info: z.object({ state: z.string(), check_after_secs: z.number().optional() }).optional(),
  }),
});
const lookup = z.object({ data: z.array(z.unknown()).default([]) });
const count = z.number().optional().catch(undefined);
// Each post is read on its own and every number may be missing: one odd post never empties a batch.
// X's newest reference says `repost_count` where the older one says `retweet_count` (docs/platforms.md "X").
const postMetrics = z.object({
  id: z.string(),
  public_metrics: z
    .object({
      repost_count: count,
      retweet_count: count,
      reply_count: count,
      like_count: count,
      quote_count: count,
      bookmark_count: count,
      impression_count: count,
    })
    .optional()
    .catch(undefined),
});

/** The fields parameter X takes: its newest reference names it `post.fields`, the older `tweet.fields`. */
const FIELDS_PARAMS = ["post.fields", "tweet.fields"] as const;

function message(res: HttpResponse): string {
  const p = parse(problem, res.body);
  return p?.detail ?? p?.errors?.[0]?.message ?? p?.title ?? `HTTP ${res.status}`;
}

/** Turns any non-2xx answer from X into the engine's classification. */
export function classifyX(res: HttpResponse): PublishOutcome {
  const msg = message(res);
  switch (statusClass(res.status)) {
    case "rate_limited":
      return {
        kind: "rate_limited",
        retryAt: resetFromSeconds(res.headers.get("x-rate-limit-reset"), 60_000),
        message: msg,
      };
    case "auth":
      return { kind: "auth", message: msg };
    case "transient":
      return { kind: "transient", message: msg };
    default:
      return { kind: "permanent", message: msg };
  }
}

const category = (m: PublishMedia) =>
  m.kind === "VIDEO" ? "tweet_video" : m.kind === "GIF" ? "tweet_gif" : "tweet_image";

/** X's simple upload takes images only, up to 5 MB (docs.x.com/x-api/media); the rest goes in segments. */
export const X_SIMPLE_UPLOAD_MAX = 5 * 1024 * 1024;
/** One APPEND segment; X takes up to 5 MB per segment and at most 1,000 segments. */
export const X_SEGMENT_BYTES = 4 * 1024 * 1024;
/** A segment that timed out or met a 5xx is sent again (same index, which replaces it) this many times. */
const SEGMENT_TRIES = 3;
/** X's alt text is at most 1,000 characters. */
const ALT_TEXT_MAX = 1_000;

type Auth = { Authorization: string };

async function call(
  cfg: AdapterConfig,
  url: string,
  init: Parameters<typeof http>[1],
): Promise<{ ok: HttpResponse } | { failed: PublishOutcome }> {
  const res = await http(url, init, cfg.timeoutMs);
  if (res.kind === "network") return { failed: networkTransient(res) };
  if (res.status >= 300) return { failed: classifyX(res) };
  return { ok: res };
}

/** The simple upload: one multipart request. */
async function simpleUpload(cfg: AdapterConfig, auth: Auth, m: PublishMedia) {
  const body = new FormData();
  body.set("media", await fileBlob(m.filePath, m.mimeType), "upload");
  body.set("media_category", category(m));
  return call(cfg, joinUrl(cfg.baseUrl, "/2/media/upload"), { method: "POST", headers: auth, body });
}

/** The chunked upload: initialize, append each segment (each with its own timeout), finalize. */
async function chunkedUpload(cfg: AdapterConfig, auth: Auth, m: PublishMedia, size: number) {
  const init = await call(cfg, joinUrl(cfg.baseUrl, "/2/media/upload/initialize"), {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ media_type: m.mimeType, total_bytes: size, media_category: category(m) }),
  });
  if ("failed" in init) return init;
  const id = parse(mediaInfo, init.ok.body)?.data.id;
  if (!id) return { failed: { kind: "transient", message: "X answered initialize without a media id" } as const };
  const file = await openAsBlob(m.filePath, { type: "application/octet-stream" });
  for (let index = 0, start = 0; start < size; index++, start += X_SEGMENT_BYTES) {
    let sent: Awaited<ReturnType<typeof call>> | null = null;
    for (let attempt = 1; attempt <= SEGMENT_TRIES; attempt++) {
      const body = new FormData();
      body.set("media", file.slice(start, Math.min(size, start + X_SEGMENT_BYTES)), "segment");
      body.set("segment_index", String(index));
      sent = await call(cfg, joinUrl(cfg.baseUrl, `/2/media/upload/${encodeURIComponent(id)}/append`), {
        method: "POST",
        headers: auth,
        body,
      });
      // Repeating a segment index replaces that segment: safe after a timeout or a 5xx.
      if ("ok" in sent || sent.failed.kind !== "transient") break;
    }
    if (sent && "failed" in sent) return sent;
  }
  return call(cfg, joinUrl(cfg.baseUrl, `/2/media/upload/${encodeURIComponent(id)}/finalize`), {
    method: "POST",
    headers: auth,
  });
}

async function uploadMedia(
  cfg: AdapterConfig,
  token: string,
  m: PublishMedia,
): Promise<{ id: string } | PublishOutcome> {
  const auth = { Authorization: `Bearer ${token}` };
  const size = await fileSize(m.filePath);
  const up =
    m.kind === "IMAGE" && size <= X_SIMPLE_UPLOAD_MAX
      ? await simpleUpload(cfg, auth, m)
      : await chunkedUpload(cfg, auth, m, size);
  if ("failed" in up) return up.failed;
  let info = parse(mediaInfo, up.ok.body);
  const id = info?.data.id;
  if (!id) return { kind: "transient", message: "X answered the upload without a media id" };
  // Videos and GIFs are processed after upload; the post may only reference them once that succeeded.
  for (let i = 0; info?.data.processing_info && info.data.processing_info.state !== "succeeded"; i++) {
    if (info.data.processing_info.state === "failed")
      return { kind: "permanent", message: "X could not process the media" };
    if (i >= cfg.maxPolls) return { kind: "transient", message: "X is still processing the media" };
    await sleep(cfg.pollIntervalMs);
    const st = await call(
      cfg,
      joinUrl(cfg.baseUrl, `/2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`),
      { headers: auth },
    );
    if ("failed" in st) return st.failed;
    info = parse(mediaInfo, st.ok.body);
  }
  const alt = m.kind === "VIDEO" ? "" : (m.altText?.trim() ?? "");
  if (alt) {
    const meta = await call(cfg, joinUrl(cfg.baseUrl, "/2/media/metadata"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ id, metadata: { alt_text: { text: Array.from(alt).slice(0, ALT_TEXT_MAX).join("") } } }),
    });
    if ("failed" in meta) return meta.failed;
  }
  return { id };
}

export function xAdapter(cfg: AdapterConfig): PlatformAdapter {
  let fieldsParam: string = FIELDS_PARAMS[0];
  return {
    platform: "X",
    validate: (content) => checkRules("X", content),

    async publish(req: PublishRequest): Promise<PublishOutcome> {
      const token = req.credentials.accessToken;
      const mediaIds: string[] = [];
      for (const m of req.content.media) {
        const up = await uploadMedia(cfg, token, m);
        if ("kind" in up) return up;
        mediaIds.push(up.id);
      }
      const body = { text: req.content.text, ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}) };
      const res = await http(
        joinUrl(cfg.baseUrl, "/2/tweets"),
        {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return networkOnPublish(res, {});
      if (res.status >= 300) return answerOnPublish(classifyX(res), {});
      const ok = parse(created, res.body);
      if (!ok) return { kind: "unknown", message: "X accepted the post but its answer could not be read", state: {} };
      return {
        kind: "published",
        platformPostId: ok.data.id,
        url: `https://x.com/${req.account.handle}/status/${ok.data.id}`,
      };
    },

    checkStatus: async () => ({ kind: "unsupported" }),

    async fetchMetrics(req) {
      const ids = req.platformPostIds.map(encodeURIComponent).join(",");
      const ask = (param: string) =>
        http(
          joinUrl(cfg.baseUrl, `/2/tweets?ids=${ids}&${param}=public_metrics`),
          { headers: { Authorization: `Bearer ${req.credentials.accessToken}` } },
          cfg.timeoutMs,
        );
      let res = await ask(fieldsParam);
      // X refuses a parameter it does not know (400 naming it): the other spelling, remembered for next time.
      if (res.kind === "response" && res.status === 400 && res.text.includes(`[${fieldsParam}]`)) {
        fieldsParam = FIELDS_PARAMS.find((p) => p !== fieldsParam) ?? fieldsParam;
        res = await ask(fieldsParam);
      }
      if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
      const outcome = res.status >= 300 ? classifyX(res) : null;
      if (outcome && outcome.kind !== "published" && outcome.kind !== "unknown")
        return { kind: "failed", error: outcome };
      const out: PostMetrics[] = [];
      for (const item of parse(lookup, res.body)?.data ?? []) {
        const t = parse(postMetrics, item);
        if (!t) continue;
        const m = t.public_metrics;
        const reposts = m?.repost_count ?? m?.retweet_count;
        out.push({
          platformPostId: t.id,
          views: m?.impression_count ?? null,
          likes: m?.like_count ?? null,
          comments: m?.reply_count ?? null,
          shares: reposts === undefined && m?.quote_count === undefined ? null : (reposts ?? 0) + (m?.quote_count ?? 0),
          saves: m?.bookmark_count ?? null,
          clicks: null,
        });
      }
      return { kind: "ok", metrics: out };
    },

    refreshToken: (_account, credentials: Credentials) =>
      refreshWithForm(
        cfg,
        joinUrl(cfg.baseUrl, "/2/oauth2/token"),
        credentials,
        form({
          grant_type: "refresh_token",
          refresh_token: credentials.refreshToken ?? undefined,
          client_id: cfg.clientId || undefined,
        }),
      ),
  };
}

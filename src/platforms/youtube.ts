import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { checkRules } from "@/platforms/rules";
import {
  answerOnPublish,
  FileSlice,
  fileSize,
  form,
  http,
  joinUrl,
  networkOnPublish,
  networkTransient,
  parse,
  type HttpResponse,
} from "@/platforms/http";
import { refreshWithForm } from "@/platforms/oauth";
import type {
  AdapterConfig,
  PlatformAdapter,
  PostMetrics,
  PublishOutcome,
  PublishRequest,
  StatusOutcome,
} from "@/platforms/types";

// YouTube Data API v3 resumable upload (docs/platforms.md "YouTube"). The session URI is saved before the
// bytes go up; asking that session for its state ("bytes */N") afterwards returns the finished video
// if the upload completed, so an unanswered upload can be confirmed instead of repeated.

const googleError = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string(),
    errors: z.array(z.object({ reason: z.string().optional() })).optional(),
  }),
});
const video = z.object({ id: z.string() });
const stats = z.object({ items: z.array(z.unknown()) });
const counter = z.union([z.string(), z.number()]).optional().catch(undefined);
// Each video on its own, every count optional (a channel may hide likes): one odd item never empties a batch.
const videoStats = z.object({
  id: z.string(),
  statistics: z.object({ viewCount: counter, likeCount: counter, commentCount: counter }).optional().catch(undefined),
});

const NEWS_AND_POLITICS = "25";

/** The daily quota resets at midnight Pacific time. */
export function nextPacificMidnight(now = Date.now()): Date {
  const d = new TZDate(now, "America/Los_Angeles");
  d.setHours(24, 0, 0, 0);
  return new Date(d.getTime());
}

export function classifyGoogle(res: HttpResponse, fallbackMs = 60_000): PublishOutcome {
  const e = parse(googleError, res.body)?.error;
  const reason = e?.errors?.[0]?.reason;
  const message = e?.message ?? `HTTP ${res.status}`;
  if (reason === "quotaExceeded" || reason === "uploadLimitExceeded")
    return { kind: "rate_limited", retryAt: nextPacificMidnight(), message };
  if (reason === "rateLimitExceeded" || reason === "userRateLimitExceeded" || res.status === 429)
    return { kind: "rate_limited", retryAt: new Date(Date.now() + fallbackMs), message };
  if (res.status === 401 || reason === "authError") return { kind: "auth", message };
  if (res.status >= 500) return { kind: "transient", message };
  return { kind: "permanent", message };
}

export function youtubeAdapter(cfg: AdapterConfig): PlatformAdapter {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function sessionState(req: PublishRequest, sessionUri: string, size: number): Promise<StatusOutcome> {
    const res = await http(
      sessionUri,
      { method: "PUT", headers: { ...auth(req.credentials.accessToken), "Content-Range": `bytes */${size}` } },
      cfg.timeoutMs,
    );
    if (res.kind === "network") return { kind: "pending", message: res.message };
    if (res.status === 200 || res.status === 201) {
      const v = parse(video, res.body);
      return {
        kind: "published",
        platformPostId: v?.id ?? null,
        url: v ? `https://www.youtube.com/watch?v=${v.id}` : null,
      };
    }
    // 308: the upload is incomplete, and a video only exists once all bytes arrived. 404/410: session gone.
    if (res.status === 308 || res.status === 404 || res.status === 410) return { kind: "absent", state: {} };
    return { kind: "pending", message: `YouTube answered the status check with HTTP ${res.status}` };
  }

  return {
    platform: "YOUTUBE",
    validate: (content) => checkRules("YOUTUBE", content),

    async publish(req) {
      const file = req.content.media.find((m) => m.kind === "VIDEO");
      if (!file) return { kind: "permanent", message: "YouTube needs exactly one video" };
      const size = await fileSize(file.filePath);
      const metadata = {
        snippet: { title: req.content.title ?? "", description: req.content.text, categoryId: NEWS_AND_POLITICS },
        status: { privacyStatus: "public", selfDeclaredMadeForKids: false },
      };
      const init = await http(
        joinUrl(cfg.baseUrl, "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"),
        {
          method: "POST",
          headers: {
            ...auth(req.credentials.accessToken),
            "Content-Type": "application/json; charset=UTF-8",
            "X-Upload-Content-Length": String(size),
            "X-Upload-Content-Type": file.mimeType,
          },
          body: JSON.stringify(metadata),
        },
        cfg.timeoutMs,
      );
      if (init.kind === "network") return networkTransient(init);
      if (init.status >= 300) return classifyGoogle(init, cfg.rateLimitFallbackMs);
      const sessionUri = init.headers.get("location");
      if (!sessionUri) return { kind: "transient", message: "YouTube gave no upload session" };
      const state = { sessionUri, size };
      await req.saveState(state);
      const put = await http(
        sessionUri,
        {
          method: "PUT",
          headers: { ...auth(req.credentials.accessToken), "Content-Type": file.mimeType },
          body: new FileSlice(file.filePath, 0, size),
        },
        cfg.timeoutMs,
      );
      if (put.kind === "network") return networkOnPublish(put, state);
      if (put.status >= 300) return answerOnPublish(classifyGoogle(put, cfg.rateLimitFallbackMs), state);
      const v = parse(video, put.body);
      if (!v) return { kind: "unknown", message: "YouTube's upload answer could not be read", state };
      return { kind: "published", platformPostId: v.id, url: `https://www.youtube.com/watch?v=${v.id}` };
    },

    async checkStatus(req) {
      const { sessionUri, size } = req.state;
      if (typeof sessionUri !== "string" || typeof size !== "number") return { kind: "absent", state: {} };
      return sessionState(req, sessionUri, size);
    },

    async fetchMetrics(req) {
      const ids = req.platformPostIds.map(encodeURIComponent).join(",");
      const res = await http(
        joinUrl(cfg.baseUrl, `/youtube/v3/videos?part=statistics&id=${ids}`),
        { headers: auth(req.credentials.accessToken) },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
      if (res.status >= 300) {
        const e = classifyGoogle(res, cfg.rateLimitFallbackMs);
        if (e.kind !== "published" && e.kind !== "unknown") return { kind: "failed", error: e };
      }
      const num = (s: string | number | undefined) => {
        const n = s === undefined ? NaN : Number(s);
        return Number.isFinite(n) ? n : null;
      };
      const metrics: PostMetrics[] = [];
      for (const item of parse(stats, res.body)?.items ?? []) {
        const i = parse(videoStats, item);
        if (!i) continue;
        metrics.push({
          platformPostId: i.id,
          views: num(i.statistics?.viewCount),
          likes: num(i.statistics?.likeCount),
          comments: num(i.statistics?.commentCount),
          shares: null,
          saves: null,
          clicks: null,
        });
      }
      return { kind: "ok", metrics };
    },

    refreshToken: (_account, credentials) =>
      refreshWithForm(
        cfg,
        joinUrl(cfg.oauthBaseUrl ?? "https://oauth2.googleapis.com", "/token"),
        credentials,
        form({
          grant_type: "refresh_token",
          refresh_token: credentials.refreshToken ?? undefined,
          client_id: cfg.clientId || undefined,
          client_secret: cfg.clientSecret || undefined,
        }),
      ),
  };
}

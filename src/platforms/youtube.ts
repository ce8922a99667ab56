import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { checkRules } from "@/platforms/rules";
import { FileSlice, fileSize, form, http, joinUrl, networkTransient, parse, type HttpResponse } from "@/platforms/http";
import { refreshWithForm } from "@/platforms/oauth";
import type {
  AdapterConfig,
  PlatformAdapter,
  PlatformState,
  PostMetrics,
  PublishMedia,
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

/** Bytes per PUT: a multiple of 256 KiB, as Google requires of every chunk but the last. Each has its own
 * timeout, so a slow link needs about 1.1 Mbit/s at the default 30 s, whatever the video's size. */
export const YOUTUBE_CHUNK_BYTES = 16 * 256 * 1024;
/** Interruptions in a row (timeout, 5xx, dropped connection) without progress before the attempt stops. */
const STALLS = 4;

/** "bytes=0-N" → N + 1 bytes received; none without a Range header. */
function receivedFrom(range: string | null): number {
  const m = /bytes=0-(\d+)/.exec(range ?? "");
  return m ? Number(m[1]) + 1 : 0;
}

const messageOf = (o: PublishOutcome) => ("message" in o ? o.message : "");

type Session = { sessionUri: string; size: number };
/** What the session says: finished (the video), how many bytes it holds, gone, or no clear answer. */
type SessionAnswer =
  | { kind: "done"; id: string | null }
  | { kind: "at"; received: number }
  | { kind: "gone" }
  | { kind: "failed"; outcome: PublishOutcome };

export function youtubeAdapter(cfg: AdapterConfig): PlatformAdapter {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  function read(res: HttpResponse): SessionAnswer | null {
    if (res.status === 200 || res.status === 201) return { kind: "done", id: parse(video, res.body)?.id ?? null };
    if (res.status === 308) return { kind: "at", received: receivedFrom(res.headers.get("range")) };
    if (res.status === 404 || res.status === 410) return { kind: "gone" };
    return null;
  }

  /** Asks the session how far it got: PUT with no bytes and "Content-Range: bytes *\/N". */
  async function ask(token: string, s: Session): Promise<SessionAnswer> {
    const res = await http(
      s.sessionUri,
      { method: "PUT", headers: { ...auth(token), "Content-Range": `bytes */${s.size}` } },
      cfg.timeoutMs,
    );
    if (res.kind === "network") return { kind: "failed", outcome: networkTransient(res) };
    return read(res) ?? { kind: "failed", outcome: classifyGoogle(res, cfg.rateLimitFallbackMs) };
  }

  async function sessionState(req: PublishRequest, sessionUri: string, size: number): Promise<StatusOutcome> {
    const a = await ask(req.credentials.accessToken, { sessionUri, size });
    if (a.kind === "done")
      return {
        kind: "published",
        platformPostId: a.id,
        url: a.id ? `https://www.youtube.com/watch?v=${a.id}` : null,
      };
    // A video exists only once all bytes arrived. 308: incomplete, and the session is kept so the next
    // attempt continues from what YouTube holds. 404/410: the session is gone, the next attempt starts anew.
    if (a.kind === "at") return { kind: "absent", state: { sessionUri, size } };
    if (a.kind === "gone") return { kind: "absent", state: {} };
    return { kind: "pending", message: messageOf(a.outcome) };
  }

  /**
   * Sends the file from `from` in chunks, each with its own timeout, asking the session after any
   * interruption and continuing from the Range it reports.
   */
  async function upload(req: PublishRequest, file: PublishMedia, s: Session, from: number): Promise<PublishOutcome> {
    const token = req.credentials.accessToken;
    const published = (id: string): PublishOutcome => ({
      kind: "published",
      platformPostId: id,
      url: `https://www.youtube.com/watch?v=${id}`,
    });
    const state = { sessionUri: s.sessionUri, size: s.size };
    let offset = from;
    let stalls = 0;
    let lastError = "";
    while (stalls < STALLS) {
      const end = Math.min(s.size, offset + YOUTUBE_CHUNK_BYTES);
      const last = end === s.size;
      const put = await http(
        s.sessionUri,
        {
          method: "PUT",
          headers: {
            ...auth(token),
            "Content-Type": file.mimeType,
            "Content-Range": s.size === 0 ? "bytes */0" : `bytes ${offset}-${end - 1}/${s.size}`,
          },
          body: new FileSlice(file.filePath, offset, end),
        },
        cfg.timeoutMs,
      );
      const answer: SessionAnswer | null =
        put.kind === "network"
          ? null
          : (read(put) ?? { kind: "failed", outcome: classifyGoogle(put, cfg.rateLimitFallbackMs) });
      if (answer?.kind === "done") return answer.id ? published(answer.id) : unreadable(state);
      if (answer?.kind === "gone") return goneSession(req);
      if (answer?.kind === "at") {
        stalls = answer.received > offset ? 0 : stalls + 1;
        offset = answer.received;
        // Progress is saved, which also tells the reconciler this upload is alive (decision 0008).
        await req.saveState({ ...state, uploaded: offset });
        continue;
      }
      if (answer?.kind === "failed" && answer.outcome.kind !== "transient") {
        // A refusal (token, quota): nothing was created; the session stays saved for the next attempt.
        return answer.outcome;
      }
      lastError = put.kind === "network" ? put.message : answer?.kind === "failed" ? messageOf(answer.outcome) : "";
      // The last bytes may have completed the video: an unknown outcome, which the confirm step asks
      // the session about (finished → published; 308 → the next attempt continues from its Range).
      if (last && !(put.kind === "network" && !put.maybeSent)) return { kind: "unknown", message: lastError, state };
      // A timeout, a dropped connection or a 5xx mid-file: ask the session what it holds and go on from there.
      stalls += 1;
      const where = await ask(token, s);
      if (where.kind === "done") return where.id ? published(where.id) : unreadable(state);
      if (where.kind === "gone") return goneSession(req);
      if (where.kind === "failed")
        return where.outcome.kind === "transient"
          ? { kind: "transient", message: `${lastError}; ${messageOf(where.outcome)}` }
          : where.outcome;
      if (where.received > offset) stalls = 0;
      offset = where.received;
      await req.saveState({ ...state, uploaded: offset });
    }
    return { kind: "transient", message: `The upload made no progress (${lastError})` };
  }

  const unreadable = (state: PlatformState): PublishOutcome => ({
    kind: "unknown",
    message: "YouTube's upload answer could not be read",
    state,
  });

  async function goneSession(req: PublishRequest): Promise<PublishOutcome> {
    // The session expired before the last byte: no video exists. The next attempt starts a new one.
    await req.saveState({});
    return { kind: "transient", message: "YouTube's upload session is gone; starting a new one" };
  }

  return {
    platform: "YOUTUBE",
    validate: (content) => checkRules("YOUTUBE", content),

    async publish(req) {
      const file = req.content.media.find((m) => m.kind === "VIDEO");
      if (!file) return { kind: "permanent", message: "YouTube needs exactly one video" };
      const size = await fileSize(file.filePath);
      const { sessionUri: savedUri, size: savedSize } = req.state;
      // An earlier attempt (a timeout, a restart, a refused token) left a session: ask it, then continue.
      if (typeof savedUri === "string" && savedSize === size) {
        const saved = { sessionUri: savedUri, size };
        const where = await ask(req.credentials.accessToken, saved);
        if (where.kind === "done")
          return where.id
            ? { kind: "published", platformPostId: where.id, url: `https://www.youtube.com/watch?v=${where.id}` }
            : unreadable(saved);
        if (where.kind === "at") return upload(req, file, saved, where.received);
        // Unclear: ask again on the next attempt (asking is safe, sending blind is not).
        if (where.kind === "failed") return where.outcome;
      }
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
      await req.saveState({ sessionUri, size, uploaded: 0 });
      return upload(req, file, { sessionUri, size }, 0);
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

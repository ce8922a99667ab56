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
  parseExactJson,
  sleep,
  type HttpResponse,
} from "@/platforms/http";
import { refreshWithForm } from "@/platforms/oauth";
import type {
  AdapterConfig,
  PlatformAdapter,
  PlatformState,
  PostMetrics,
  PublishOutcome,
  StatusOutcome,
} from "@/platforms/types";

// TikTok Content Posting API, direct post from a file (docs/platforms.md "TikTok"). The publish_id is
// saved right after init: the video only goes out once its last chunk arrives, and the status
// endpoint answers for that publish_id, so an unanswered upload can be confirmed, not repeated.

const envelope = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), log_id: z.string().optional() }),
});
const creatorInfo = z.object({ data: z.object({ privacy_level_options: z.array(z.string()) }) });
const initAnswer = z.object({ data: z.object({ publish_id: z.string(), upload_url: z.string() }) });
const statusAnswer = z.object({
  data: z.object({
    status: z.enum(["PROCESSING_UPLOAD", "PROCESSING_DOWNLOAD", "SEND_TO_USER_INBOX", "PUBLISH_COMPLETE", "FAILED"]),
    fail_reason: z.string().optional(),
    uploaded_bytes: z.number().optional(),
    publicaly_available_post_id: z.array(z.union([z.string(), z.number()])).optional(),
  }),
});
const videoQuery = z.object({ data: z.object({ videos: z.array(z.unknown()) }) });
const count = z.number().optional().catch(undefined);
// Each video on its own, every number optional: one odd video never empties a batch. Ids may come as int64.
const videoMetrics = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  view_count: count,
  like_count: count,
  comment_count: count,
  share_count: count,
});

/** What an init left behind (PostTarget.platformState): enough to poll it or send the rest of the chunks. */
type SavedUpload = { publishId: string; uploadUrl: string; chunkSize: number; count: number };

function savedUpload(state: PlatformState): SavedUpload | null {
  const { publishId, uploadUrl, chunkSize, count } = state;
  if (typeof publishId !== "string") return null;
  // An older saved state holds only the publish id: it can be polled, not continued.
  return typeof uploadUrl === "string" && typeof chunkSize === "number" && typeof count === "number"
    ? { publishId, uploadUrl, chunkSize, count }
    : { publishId, uploadUrl: "", chunkSize: 1, count: 0 };
}

/** The chunk to continue from when TikTok says how many bytes it has, if that falls on a chunk boundary. */
function resumableChunk(upload: SavedUpload, uploadedBytes: number | undefined, size: number): number | null {
  if (!upload.uploadUrl || uploadedBytes === undefined || uploadedBytes >= size) return null;
  if (uploadedBytes % upload.chunkSize !== 0) return null;
  return Math.min(uploadedBytes / upload.chunkSize, upload.count - 1);
}

const CHUNK_BYTES = 10 * 1024 * 1024;
const MIN_CHUNK_BYTES = 5 * 1024 * 1024;

export function classifyTikTok(res: HttpResponse, fallbackMs = 60_000): PublishOutcome | null {
  const e = parse(envelope, res.body)?.error;
  if (res.status < 300 && (!e || e.code === "ok")) return null;
  const code = e?.code ?? `http_${res.status}`;
  const message = e?.message ? `${code}: ${e.message}` : code;
  if (code === "rate_limit_exceeded" || res.status === 429)
    return { kind: "rate_limited", retryAt: new Date(Date.now() + fallbackMs), message };
  if (code === "spam_risk_too_many_posts")
    return { kind: "rate_limited", retryAt: new Date(Date.now() + 3_600_000), message };
  if (code === "access_token_invalid" || code === "scope_not_authorized" || res.status === 401)
    return { kind: "auth", message };
  if (res.status >= 500 || code === "internal_error") return { kind: "transient", message };
  return { kind: "permanent", message };
}

/** TikTok wants floor(size / chunk) chunks, the last one taking the remainder; small files go in one. */
export function chunkPlan(size: number): { chunkSize: number; count: number } {
  if (size < MIN_CHUNK_BYTES || size <= CHUNK_BYTES) return { chunkSize: size, count: 1 };
  return { chunkSize: CHUNK_BYTES, count: Math.floor(size / CHUNK_BYTES) };
}

export function tiktokAdapter(cfg: AdapterConfig): PlatformAdapter {
  const postJson = (path: string, token: string, body: unknown) =>
    http(
      joinUrl(cfg.baseUrl, path),
      {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json; charset=UTF-8" },
        body: JSON.stringify(body),
      },
      cfg.timeoutMs,
    );

  async function status(
    publishId: string,
    token: string,
  ): Promise<z.infer<typeof statusAnswer>["data"] | PublishOutcome> {
    const res = await postJson("/v2/post/publish/status/fetch/", token, { publish_id: publishId });
    if (res.kind === "network") return networkTransient(res);
    const err = classifyTikTok(res, cfg.rateLimitFallbackMs);
    if (err) return err;
    // Post ids are int64 numbers in this answer: read with every digit kept.
    return (
      parse(statusAnswer, parseExactJson(res.text))?.data ?? {
        kind: "transient",
        message: "TikTok sent an unreadable status",
      }
    );
  }

  // PUBLISH_COMPLETE without a post id: the video is out, and TikTok names it only once moderation
  // passed (minutes, sometimes hours). The publish id is not the post id, so none is recorded until then.
  const published = (s: z.infer<typeof statusAnswer>["data"], handle: string) => {
    const postId = s.publicaly_available_post_id?.[0];
    return postId === undefined
      ? { platformPostId: null, url: null }
      : { platformPostId: String(postId), url: `https://www.tiktok.com/@${handle}/video/${postId}` };
  };

  return {
    platform: "TIKTOK",
    validate: (content) => checkRules("TIKTOK", content),

    async publish(req) {
      const token = req.credentials.accessToken;
      const file = req.content.media.find((m) => m.kind === "VIDEO");
      if (!file) return { kind: "permanent", message: "TikTok needs exactly one video" };
      const size = await fileSize(file.filePath);
      let upload = savedUpload(req.state);
      let firstChunk = 0;
      if (upload) {
        // An earlier attempt got a publish_id: that publish is picked up, never a second init and upload
        // (a second init would post the video twice once both uploads finish).
        const s = await status(upload.publishId, token);
        if ("kind" in s) return s.kind === "transient" ? { kind: "unknown", message: s.message, state: req.state } : s;
        if (s.status === "PUBLISH_COMPLETE") return { kind: "published", ...published(s, req.account.handle) };
        if (s.status === "FAILED") {
          await req.saveState({});
          return { kind: "permanent", message: s.fail_reason ?? "TikTok could not publish the video" };
        }
        const resumeAt = s.status === "PROCESSING_UPLOAD" ? resumableChunk(upload, s.uploaded_bytes, size) : null;
        firstChunk = resumeAt ?? upload.count;
      } else {
        const info = await postJson("/v2/post/publish/creator_info/query/", token, {});
        if (info.kind === "network") return networkTransient(info);
        const infoErr = classifyTikTok(info, cfg.rateLimitFallbackMs);
        if (infoErr) return infoErr;
        const options = parse(creatorInfo, info.body)?.data.privacy_level_options ?? [];
        // Official accounts post publicly; if the creator cannot, the most open option they allow.
        const privacy = options.includes("PUBLIC_TO_EVERYONE") ? "PUBLIC_TO_EVERYONE" : options[0];
        if (!privacy) return { kind: "permanent", message: "TikTok offered no privacy level for this account" };
        const plan = chunkPlan(size);
        const init = await postJson("/v2/post/publish/video/init/", token, {
          post_info: {
            title: req.content.text,
            privacy_level: privacy,
            disable_comment: false,
            disable_duet: false,
            disable_stitch: false,
          },
          source_info: {
            source: "FILE_UPLOAD",
            video_size: size,
            chunk_size: plan.chunkSize,
            total_chunk_count: plan.count,
          },
        });
        if (init.kind === "network") return networkTransient(init);
        const initErr = classifyTikTok(init, cfg.rateLimitFallbackMs);
        if (initErr) return initErr;
        const started = parse(initAnswer, init.body)?.data;
        if (!started) return { kind: "transient", message: "TikTok answered init without a publish id" };
        upload = {
          publishId: started.publish_id,
          uploadUrl: started.upload_url,
          chunkSize: plan.chunkSize,
          count: plan.count,
        };
        await req.saveState(upload);
      }
      const state: PlatformState = upload;
      for (let i = firstChunk; i < upload.count; i++) {
        const start = i * upload.chunkSize;
        const end = i === upload.count - 1 ? size : start + upload.chunkSize;
        const last = i === upload.count - 1;
        const put = await http(
          upload.uploadUrl,
          {
            method: "PUT",
            headers: { "Content-Type": file.mimeType, "Content-Range": `bytes ${start}-${end - 1}/${size}` },
            body: new FileSlice(file.filePath, start, end),
          },
          cfg.timeoutMs,
        );
        if (put.kind === "network") return last ? networkOnPublish(put, state) : networkTransient(put);
        if (put.status >= 300) {
          const refused = classifyTikTok(put, cfg.rateLimitFallbackMs) ?? {
            kind: "transient",
            message: `Upload failed with HTTP ${put.status}`,
          };
          // The last chunk is what publishes: a 5xx on it may have come after TikTok took the video.
          return last ? answerOnPublish(refused, state) : refused;
        }
        // Saving renews the claim: an upload that keeps making progress is alive, not a dead worker's
        // (PUBLISH_STUCK_AFTER_MS bounds the time between two chunks, not a whole upload; decision 0008).
        if (!last) await req.saveState(state);
      }
      for (let i = 0; i <= cfg.maxPolls; i++) {
        const s = await status(upload.publishId, token);
        if ("kind" in s) return s.kind === "transient" ? { kind: "unknown", message: s.message, state } : s;
        if (s.status === "PUBLISH_COMPLETE") return { kind: "published", ...published(s, req.account.handle) };
        if (s.status === "FAILED") {
          await req.saveState({});
          return { kind: "permanent", message: s.fail_reason ?? "TikTok could not publish the video" };
        }
        await sleep(cfg.pollIntervalMs);
      }
      return { kind: "unknown", message: "TikTok is still processing the video", state };
    },

    async checkStatus(req): Promise<StatusOutcome> {
      const publishId = req.state.publishId;
      // Without a publish id no upload started, and TikTok posts nothing it did not receive.
      if (typeof publishId !== "string") return { kind: "absent", state: {} };
      const s = await status(publishId, req.credentials.accessToken);
      if ("kind" in s) {
        const message = "message" in s ? s.message : "TikTok did not answer";
        const refused = s.kind === "auth" || s.kind === "rate_limited" ? s.kind : undefined;
        return { kind: "pending", message, ...(refused ? { refused } : {}) };
      }
      if (s.status === "PUBLISH_COMPLETE") return { kind: "published", ...published(s, req.account.handle) };
      if (s.status === "FAILED") return { kind: "absent", state: {} };
      // Not all bytes arrived (a worker stopped mid-upload): nothing is out until the last chunk, so the
      // publish may go on, and it continues this publish_id rather than starting another.
      const size = req.content.media.find((m) => m.kind === "VIDEO")?.sizeBytes;
      if (s.status === "PROCESSING_UPLOAD" && size !== undefined && (s.uploaded_bytes ?? 0) < size)
        return { kind: "absent", state: req.state };
      return { kind: "pending", message: `TikTok reports ${s.status}` };
    },

    async fetchMetrics(req) {
      const out: PostMetrics[] = [];
      for (let i = 0; i < req.platformPostIds.length; i += 20) {
        const res = await postJson(
          "/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count",
          req.credentials.accessToken,
          { filters: { video_ids: req.platformPostIds.slice(i, i + 20) } },
        );
        if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
        const err = classifyTikTok(res, cfg.rateLimitFallbackMs);
        if (err && err.kind !== "published" && err.kind !== "unknown") return { kind: "failed", error: err };
        for (const item of parse(videoQuery, parseExactJson(res.text))?.data.videos ?? []) {
          const v = parse(videoMetrics, item);
          if (!v) continue;
          out.push({
            platformPostId: v.id,
            views: v.view_count ?? null,
            likes: v.like_count ?? null,
            comments: v.comment_count ?? null,
            shares: v.share_count ?? null,
            saves: null,
            clicks: null,
          });
        }
      }
      return { kind: "ok", metrics: out };
    },

    refreshToken: (_account, credentials) =>
      refreshWithForm(
        cfg,
        joinUrl(cfg.baseUrl, "/v2/oauth/token/"),
        credentials,
        form({
          client_key: cfg.clientId || undefined,
          client_secret: cfg.clientSecret || undefined,
          grant_type: "refresh_token",
          refresh_token: credentials.refreshToken ?? undefined,
        }),
      ),
  };
}

import { createHash, randomBytes, type Hash } from "node:crypto";
import { chunkRange, planProblem, type ChunkPlan } from "@/emulator/platforms/tiktok-chunks";
import { afterAccept, type Ctx } from "@/emulator/context";
import { engagementAt } from "@/emulator/engagement";

// TikTok Content Posting API: creator info, init, chunked upload, status fetch, video query, tokens.

type Upload = {
  publishId: string;
  uploadId: string;
  account: string;
  caption: string;
  size: number;
  received: number;
  hash: Hash;
  postId: string | null;
  polls: number;
  /** When the video first answered PUBLISH_COMPLETE, and how many such answers hid the post id since. */
  completedAtMs: number | null;
  moderationPolls: number;
  plan: ChunkPlan;
};
const uploads = new WeakMap<object, Map<string, Upload>>();
const INITS_PER_MINUTE = 6;
const POST_ID = "__post_id__";

function store(ctx: Ctx): Map<string, Upload> {
  let m = uploads.get(ctx.state.epoch);
  if (!m) uploads.set(ctx.state.epoch, (m = new Map<string, Upload>()));
  return m;
}

const logId = () => randomBytes(10).toString("hex").toUpperCase();
const ok = (data: unknown) => ({ data, error: { code: "ok", message: "", log_id: logId() } });
const fail = (code: string, message: string) => ({ data: {}, error: { code, message, log_id: logId() } });

function init(ctx: Ctx, account: string): void {
  const { state } = ctx;
  state.hit("tiktok POST /v2/post/publish/video/init/");
  // Unrouted refusals strike init, before any byte is sent.
  const fault = state.takeFault("tiktok", account, ["rate_limit", "server_error", "permanent"], {
    route: "tiktok POST /v2/post/publish/video/init/",
    creates: true,
  });
  if (fault?.kind === "rate_limit")
    return ctx.send(429, fail("rate_limit_exceeded", "API rate limit exceeded, please try again later."));
  if (fault?.kind === "server_error")
    return ctx.send(fault.status, fail("internal_error", "Something went wrong. Please try again later."));
  if (fault?.kind === "permanent")
    return ctx.send(
      400,
      fail(
        "privacy_level_option_mismatch",
        "privacy_level must be one of the privacy_level_options returned by creator_info.",
      ),
    );
  const body = ctx.json as {
    post_info?: { title?: unknown; privacy_level?: unknown };
    source_info?: { source?: unknown; video_size?: unknown; chunk_size?: unknown; total_chunk_count?: unknown };
  } | null;
  const size = Number(body?.source_info?.video_size);
  if (body?.source_info?.source !== "FILE_UPLOAD" || !Number.isFinite(size) || size <= 0)
    return ctx.send(400, fail("invalid_params", "source_info is invalid."));
  const plan = {
    size,
    chunkSize: Number(body.source_info.chunk_size),
    count: Number(body.source_info.total_chunk_count),
  };
  const problem = planProblem(plan);
  if (problem) return ctx.send(400, fail("invalid_params", problem));
  if (state.consume(`tiktok:init:${account}`, INITS_PER_MINUTE, 60_000) > 0)
    return ctx.send(429, fail("rate_limit_exceeded", "API rate limit exceeded, please try again later."));
  const u: Upload = {
    publishId: `v_pub_file~v2-1.${state.nextId()}`,
    uploadId: randomBytes(8).toString("hex"),
    account,
    caption: typeof body.post_info?.title === "string" ? body.post_info.title : "",
    size,
    received: 0,
    hash: createHash("sha256"),
    postId: null,
    polls: 0,
    completedAtMs: null,
    moderationPolls: 0,
    plan,
  };
  store(ctx).set(u.uploadId, u);
  ctx.send(200, ok({ publish_id: u.publishId, upload_url: `${ctx.base}/upload/?upload_id=${u.uploadId}` }));
}

async function chunk(ctx: Ctx): Promise<void> {
  const { state } = ctx;
  state.hit("tiktok PUT /upload/");
  const u = store(ctx).get(ctx.query.get("upload_id") ?? "");
  if (!u) return ctx.send(404, fail("invalid_params", "Upload URL is invalid or expired."));
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(ctx.headers["content-range"] ?? ""));
  if (!m || Number(m[3]) !== u.size) return ctx.send(400, fail("invalid_params", "Content-Range is invalid."));
  // Chunks go up in order, each exactly the size its range says.
  const first = Number(m[1]),
    lastByte = Number(m[2]);
  if (first !== u.received || lastByte < first || ctx.raw.length !== lastByte - first + 1)
    return ctx.send(400, fail("invalid_params", "Content-Range is invalid."));
  // Each chunk exactly as the init announced: chunk_size bytes, the final one the rest.
  const expected = chunkRange(u.plan, Math.floor(first / u.plan.chunkSize));
  if (first !== expected.first || lastByte + 1 !== expected.end)
    return ctx.send(400, fail("invalid_params", "The chunk does not match chunk_size and total_chunk_count."));
  const last = lastByte + 1 >= u.size;
  const fault = last
    ? state.takeFault(
        "tiktok",
        u.account,
        ["timeout_after_accept", "server_error_after_accept", "drop_after_accept", "slow"],
        { route: "tiktok PUT /upload/", creates: true },
      )
    : null;
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  u.received += ctx.raw.length;
  u.hash.update(ctx.raw);
  if (!last) return ctx.send(206, null);
  if (!u.postId) {
    u.postId = state.nextId();
    state.record({
      id: u.postId,
      platform: "tiktok",
      account: u.account,
      text: u.caption,
      media: [u.publishId],
      mediaSha256: [u.hash.digest("hex")],
    });
  }
  const internal = () => ({ body: fail("internal_error", "Something went wrong. Please try again later.") });
  if (await afterAccept(ctx, fault, internal)) return;
  ctx.send(201, null);
}

/** TikTok counts status polls per access token: about 30 a minute (docs/platforms.md "TikTok"). */
const STATUS_POLLS_PER_MINUTE = 30;

function status(ctx: Ctx, account: string): void {
  const { state } = ctx;
  const route = "tiktok POST /v2/post/publish/status/fetch/";
  state.hit(route);
  const fault = state.takeFault("tiktok", account, ["rate_limit", "unauthorized", "server_error"], {
    route,
    creates: false,
  });
  if (fault?.kind === "unauthorized") {
    // The token stopped working here (expired mid-flow): this and every later call with it answer 401.
    state.applyTokenAction({ platform: "tiktok", account, action: "expire" });
    return ctx.send(401, fail("access_token_invalid", "The access token is invalid or not found in the request."));
  }
  if (fault?.kind === "server_error")
    return ctx.send(fault.status, fail("internal_error", "Something went wrong. Please try again later."));
  if (
    fault?.kind === "rate_limit" ||
    state.consume(`tiktok:status:${ctx.bearer()}`, STATUS_POLLS_PER_MINUTE, 60_000) > 0
  )
    return ctx.send(429, fail("rate_limit_exceeded", "API rate limit exceeded, please try again later."));
  const publishId = ctx.params.get("publish_id");
  // A publish id answers only to the creator who started it.
  const u = [...store(ctx).values()].find((x) => x.publishId === publishId && x.account === account);
  if (!u) return ctx.send(400, fail("invalid_publish_id", "publish_id does not exist."));
  if (!u.postId) return ctx.send(200, ok({ status: "PROCESSING_UPLOAD", uploaded_bytes: u.received }));
  u.polls += 1;
  if (u.polls <= ctx.state.config.processingPolls)
    return ctx.send(200, ok({ status: "PROCESSING_DOWNLOAD", uploaded_bytes: u.received }));
  // A public video is moderated before TikTok names it: until then PUBLISH_COMPLETE comes with no post id
  // (docs/platforms.md "TikTok"; how long is set by moderationPolls / moderationMs).
  const now = state.now();
  u.completedAtMs ??= now;
  const { moderationPolls, moderationMs } = state.config;
  if (u.moderationPolls < moderationPolls || now - u.completedAtMs < moderationMs) {
    u.moderationPolls += 1;
    return ctx.send(
      200,
      ok({ status: "PUBLISH_COMPLETE", uploaded_bytes: u.received, publicaly_available_post_id: [] }),
    );
  }
  // TikTok sends the post ids as JSON numbers (int64): 19 digits that a JavaScript number cannot hold.
  const body = JSON.stringify(
    ok({ status: "PUBLISH_COMPLETE", uploaded_bytes: u.received, publicaly_available_post_id: [POST_ID] }),
  ).replace(`"${POST_ID}"`, u.postId);
  ctx.send(200, body);
}

function query(ctx: Ctx): void {
  ctx.state.hit("tiktok POST /v2/video/query/");
  const ids = ((ctx.json as { filters?: { video_ids?: unknown } } | null)?.filters?.video_ids ?? []) as unknown[];
  const now = ctx.state.now();
  const videos = [...new Set(ids.map(String))]
    .flatMap((id) => ctx.state.find("tiktok", id) ?? [])
    .map((p) => {
      const e = engagementAt(p.id, p.createdAtMs, now);
      return { id: p.id, view_count: e.views, like_count: e.likes, comment_count: e.comments, share_count: e.shares };
    });
  ctx.send(200, ok({ videos, cursor: 0, has_more: false }));
}

export async function handleTiktok(ctx: Ctx): Promise<boolean> {
  const { method, path } = ctx;
  // The upload URL is pre-signed: it carries no bearer token.
  if (method === "PUT" && path === "/upload/") return (await chunk(ctx), true);
  const bearer = ctx.bearer();
  if (!ctx.state.tokenValid("tiktok", bearer)) {
    ctx.state.hit(`tiktok ${method} ${path}`);
    ctx.send(401, fail("access_token_invalid", "The access token is invalid or not found in the request."));
    return true;
  }
  const account = ctx.state.accountOfToken("tiktok", bearer);
  ctx.state.seen("tiktok", account, bearer);
  if (method === "POST" && path === "/v2/post/publish/creator_info/query/") {
    return (
      ctx.send(
        200,
        ok({
          creator_avatar_url: "",
          creator_username: account,
          creator_nickname: account,
          privacy_level_options: ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: false,
          max_video_post_duration_sec: 600,
        }),
      ),
      true
    );
  }
  if (method === "POST" && path === "/v2/post/publish/video/init/") return (init(ctx, account), true);
  if (method === "POST" && path === "/v2/post/publish/status/fetch/") return (status(ctx, account), true);
  if (method === "POST" && path === "/v2/video/query/") return (query(ctx), true);
  return false;
}

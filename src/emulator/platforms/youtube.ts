import { createHash, type Hash } from "node:crypto";
import { afterAccept, type Ctx } from "@/emulator/context";
import { youtubeReplies, youtubeReply } from "@/emulator/replies";
import {
  authorizeDecision,
  authorizePage,
  bindRefreshToken,
  exchangeCode,
  oauthStore,
  refreshClientCheck,
} from "@/emulator/oauth";
import { engagementAt } from "@/emulator/engagement";
import { commentThreads } from "@/emulator/platforms/youtube-inbox";

// YouTube Data API v3 resumable uploads and statistics, and Google's token endpoint.

type Session = {
  account: string;
  title: string;
  description: string;
  total: number;
  received: number;
  hash: Hash;
  videoId: string | null;
};
const sessions = new WeakMap<object, Map<string, Session>>();
const INSERTS_PER_DAY = 100,
  DAY = 86_400_000;

function store(ctx: Ctx): Map<string, Session> {
  let m = sessions.get(ctx.state.epoch);
  if (!m) sessions.set(ctx.state.epoch, (m = new Map<string, Session>()));
  return m;
}

const googleError = (code: number, reason: string, message: string, status: string) => ({
  error: { code, message, errors: [{ message, domain: code === 403 ? "youtube.quota" : "global", reason }], status },
});

function resource(s: Session) {
  return {
    kind: "youtube#video",
    id: s.videoId,
    snippet: { title: s.title, description: s.description, categoryId: "25" },
    status: { uploadStatus: "uploaded", privacyStatus: "public" },
  };
}

function start(ctx: Ctx, account: string): void {
  const { state } = ctx;
  state.hit("youtube POST /upload/youtube/v3/videos");
  // Unrouted refusals strike the session's start, before any byte is sent.
  const fault = state.takeFault("youtube", account, ["rate_limit", "server_error", "permanent"], {
    route: "youtube POST /upload/youtube/v3/videos",
    creates: true,
  });
  if (fault?.kind === "rate_limit")
    return ctx.send(
      403,
      googleError(
        403,
        "rateLimitExceeded",
        "The request cannot be completed because you have exceeded your quota.",
        "PERMISSION_DENIED",
      ),
    );
  if (fault?.kind === "server_error")
    return ctx.send(fault.status, googleError(fault.status, "backendError", "Backend Error", "UNAVAILABLE"));
  if (fault?.kind === "permanent")
    return ctx.send(
      400,
      googleError(400, "invalidTitle", "The request metadata specifies an invalid video title.", "INVALID_ARGUMENT"),
    );
  const body = ctx.json as { snippet?: { title?: unknown; description?: unknown } } | null;
  const title = typeof body?.snippet?.title === "string" ? body.snippet.title : "";
  if (!title || title.length > 100)
    return ctx.send(
      400,
      googleError(400, "invalidTitle", "The request metadata specifies an invalid video title.", "INVALID_ARGUMENT"),
    );
  if (state.consume("youtube:app", INSERTS_PER_DAY, DAY) > 0)
    return ctx.send(
      403,
      googleError(
        403,
        "quotaExceeded",
        "The request cannot be completed because you have exceeded your quota.",
        "PERMISSION_DENIED",
      ),
    );
  const total = Number(ctx.headers["x-upload-content-length"] ?? NaN);
  const uploadId = state.nextId();
  store(ctx).set(uploadId, {
    account,
    title,
    description: typeof body?.snippet?.description === "string" ? body.snippet.description : "",
    total: Number.isFinite(total) ? total : -1,
    received: 0,
    hash: createHash("sha256"),
    videoId: null,
  });
  ctx.send(200, null, { location: `${ctx.base}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${uploadId}` });
}

/** Resumable uploads take every chunk but the last in multiples of 256 KiB. */
const CHUNK_UNIT = 256 * 1024;

const rangeHeader = (s: Session): Record<string, string> =>
  s.received > 0 ? { range: `bytes=0-${s.received - 1}` } : {};

async function put(ctx: Ctx, account: string): Promise<void> {
  const { state } = ctx;
  const s = store(ctx).get(ctx.query.get("upload_id") ?? "");
  const range = String(ctx.headers["content-range"] ?? "");
  // "Content-Range: bytes */N" with no bytes asks how far the upload got (308 with Range, or the video).
  if (range.startsWith("bytes */") && ctx.raw.length === 0) {
    state.hit("youtube PUT /upload/youtube/v3/videos bytes */N");
    if (!s || s.account !== account)
      return ctx.send(404, googleError(404, "notFound", "Upload session not found", "NOT_FOUND"));
    if (s.videoId) return ctx.send(200, resource(s));
    return ctx.send(308, null, rangeHeader(s));
  }
  state.hit("youtube PUT /upload/youtube/v3/videos");
  if (!s || s.account !== account)
    return ctx.send(404, googleError(404, "notFound", "Upload session not found", "NOT_FOUND"));
  if (s.videoId) return ctx.send(200, resource(s));
  // "bytes first-last/total"; without it the body is the whole file from the start.
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  const first = m ? Number(m[1]) : 0;
  if (m && (Number(m[2]) - first + 1 !== ctx.raw.length || Number(m[3]) !== s.total))
    return ctx.send(
      400,
      googleError(400, "badContent", "Content-Range does not match the request", "INVALID_ARGUMENT"),
    );
  // Bytes must continue what the session holds: a gap is not taken (308 says where to resume), an
  // overlap (a chunk sent again after a lost answer) adds only what is new.
  if (first > s.received) return ctx.send(308, null, rangeHeader(s));
  let fresh = ctx.raw.subarray(s.received - first);
  const completes = s.received + fresh.length >= s.total;
  // A chunk that does not finish the file is kept in whole 256 KiB units only; Range tells the client.
  if (!completes) fresh = fresh.subarray(0, fresh.length - ((s.received + fresh.length) % CHUNK_UNIT));
  const fault = state.takeFault(
    "youtube",
    account,
    completes
      ? ["timeout_after_accept", "server_error_after_accept", "drop_after_accept", "slow"]
      : ["slow", "server_error"],
    { route: "youtube PUT /upload/youtube/v3/videos", creates: completes },
  );
  if (fault?.kind === "server_error")
    return ctx.send(fault.status, googleError(fault.status, "backendError", "Backend Error", "UNAVAILABLE"));
  // A slow answer: the bytes are kept even when the client stopped waiting (it must ask with bytes */N).
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  s.received += fresh.length;
  s.hash.update(fresh);
  if (s.total < 0) s.total = s.received;
  if (s.received < s.total) return ctx.send(308, null, rangeHeader(s));
  s.videoId = `yt${state.nextId().slice(-9)}`;
  state.record({
    id: s.videoId,
    platform: "youtube",
    account,
    text: s.description,
    media: [s.title],
    mediaSha256: [s.hash.digest("hex")],
  });
  const backend = (status: number) => ({ body: googleError(status, "backendError", "Backend Error", "UNAVAILABLE") });
  if (await afterAccept(ctx, fault, backend)) return;
  ctx.send(201, resource(s));
}

function statistics(ctx: Ctx): void {
  ctx.state.hit("youtube GET /youtube/v3/videos");
  const ids = (ctx.query.get("id") ?? "").split(",").filter(Boolean);
  const now = ctx.state.now();
  const items = [...new Set(ids)]
    .flatMap((id) => ctx.state.find("youtube", id) ?? [])
    .map((p) => {
      const e = engagementAt(p.id, p.createdAtMs, now);
      return {
        kind: "youtube#video",
        id: p.id,
        statistics: {
          viewCount: String(e.views),
          likeCount: String(e.likes),
          favoriteCount: "0",
          commentCount: String(e.comments),
        },
      };
    });
  ctx.send(200, {
    kind: "youtube#videoListResponse",
    items,
    pageInfo: { totalResults: items.length, resultsPerPage: items.length },
  });
}

export async function handleYoutube(ctx: Ctx): Promise<boolean> {
  const token = ctx.bearer();
  if (!ctx.state.tokenValid("youtube", token)) {
    ctx.state.hit(`youtube ${ctx.method} ${ctx.path}`);
    ctx.send(401, googleError(401, "authError", "Request had invalid authentication credentials.", "UNAUTHENTICATED"));
    return true;
  }
  const account = ctx.state.accountOfToken("youtube", token);
  ctx.state.seen("youtube", account, token);
  if (ctx.method === "POST" && ctx.path === "/upload/youtube/v3/videos") return (start(ctx, account), true);
  if (ctx.method === "PUT" && ctx.path === "/upload/youtube/v3/videos") return (await put(ctx, account), true);
  if (ctx.method === "GET" && ctx.path === "/youtube/v3/videos") return (statistics(ctx), true);
  if (ctx.method === "GET" && ctx.path === "/youtube/v3/channels") return (channels(ctx, account), true);
  if (ctx.method === "POST" && ctx.path === "/youtube/v3/comments") return (await youtubeReply(ctx, account), true);
  if (ctx.method === "GET" && ctx.path === "/youtube/v3/comments") return (youtubeReplies(ctx, account), true);
  if (ctx.method === "GET" && ctx.path === "/youtube/v3/commentThreads") return (commentThreads(ctx), true);
  return false;
}

/** channels.list?mine=true: the channel of the account the token belongs to (none for a bare Google account). */
function channels(ctx: Ctx, account: string): void {
  ctx.state.hit("youtube GET /youtube/v3/channels");
  if (ctx.query.get("mine") !== "true")
    return ctx.send(400, googleError(400, "missingRequiredParameter", "No filter selected.", "INVALID_ARGUMENT"));
  const known = oauthStore(ctx).accounts.find((a) => a.platform === "youtube" && a.id === account);
  // An account registered without a channel: Google answers an empty list.
  const items =
    known?.publishes !== false
      ? [
          {
            kind: "youtube#channel",
            id: account,
            snippet: {
              title: known?.name ?? account,
              customUrl: `@${known?.username ?? account}`,
              description: "",
            },
          },
        ]
      : [];
  ctx.send(200, { kind: "youtube#channelListResponse", pageInfo: { totalResults: items.length }, items });
}

export async function handleGoogleOauth(ctx: Ctx): Promise<boolean> {
  // accounts.google.com/o/oauth2/v2/auth: the consent page (PKCE optional, as at Google) and its answer.
  if (ctx.path === "/o/oauth2/v2/auth" && ctx.method === "GET")
    return (authorizePage(ctx, "youtube", { pkce: "optional" }), true);
  if (ctx.path === "/o/oauth2/v2/auth" && ctx.method === "POST") return (authorizeDecision(ctx, "youtube"), true);
  if (ctx.method !== "POST" || ctx.path !== "/token") return false;
  ctx.state.hit("google-oauth POST /token");
  if (ctx.params.get("grant_type") === "authorization_code") {
    const grant = exchangeCode(ctx, "youtube");
    if (!grant.ok) {
      // Google names a bad client invalid_client (401) and a bad code invalid_grant (400).
      const error = grant.status === 401 ? "invalid_client" : "invalid_grant";
      return (ctx.send(grant.status, { error, error_description: grant.description }), true);
    }
    const issued = ctx.state.issueTokens("youtube", grant.account.id);
    if (grant.offline) bindRefreshToken(ctx, "youtube", issued.refreshToken, grant.clientId);
    ctx.send(200, {
      access_token: issued.accessToken,
      expires_in: 3599,
      scope: grant.scope,
      token_type: "Bearer",
      ...(grant.offline ? { refresh_token: issued.refreshToken } : {}),
    });
    return true;
  }
  const refreshToken = ctx.params.get("refresh_token") ?? "";
  // Google's refresh request carries client_id and client_secret; a wrong or missing client is invalid_client.
  if (ctx.params.get("grant_type") === "refresh_token" && !refreshClientCheck(ctx, "youtube", refreshToken).ok)
    return (ctx.send(401, { error: "invalid_client", error_description: "Unauthorized" }), true);
  const r = ctx.params.get("grant_type") === "refresh_token" ? ctx.state.refresh("youtube", refreshToken, false) : null;
  if (!r)
    return (ctx.send(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." }), true);
  ctx.send(200, {
    access_token: r.accessToken,
    expires_in: 3599,
    scope: "https://www.googleapis.com/auth/youtube.upload",
    token_type: "Bearer",
  });
  return true;
}

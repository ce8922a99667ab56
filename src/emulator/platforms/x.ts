import { afterAccept, CREATE_FAULTS, type Ctx } from "@/emulator/context";
import { engagementAt } from "@/emulator/engagement";
import {
  authorizeDecision,
  authorizePage,
  bindRefreshToken,
  exchangeCode,
  oauthStore,
  refreshClientCheck,
} from "@/emulator/oauth";
import {
  append,
  finalize,
  initialize,
  invalid,
  mediaForPost,
  metadata,
  simpleUpload,
  status,
} from "@/emulator/platforms/x-media";
import { recordXReply, xDuplicateReply, xLength, xReplyTarget } from "@/emulator/replies";
import { mentions } from "@/emulator/platforms/x-inbox";

// X API v2 as the adapter meets it: /2/tweets, /2/oauth2/token; media in ./x-media.ts.

const problem = (status: number, title: string, detail: string) => ({ title, detail, type: "about:blank", status });
const PROBLEM = { "content-type": "application/problem+json" };
const serviceUnavailable = (status: number) => problem(status, "Service Unavailable", "Service Unavailable");
const USER_LIMIT = 100,
  USER_WINDOW = 15 * 60_000,
  APP_LIMIT = 10_000,
  DAY = 86_400_000;

function rateHeaders(remaining: number, resetAtMs: number): Record<string, string> {
  return {
    "x-rate-limit-limit": String(USER_LIMIT),
    "x-rate-limit-remaining": String(Math.max(0, remaining)),
    "x-rate-limit-reset": String(Math.ceil(resetAtMs / 1000)),
  };
}

function tooMany(ctx: Ctx, resetAtMs: number) {
  ctx.send(
    429,
    { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
    { ...PROBLEM, ...rateHeaders(0, resetAtMs) },
  );
}

async function tweet(ctx: Ctx, account: string): Promise<void> {
  const { state } = ctx;
  state.hit("x POST /2/tweets");
  const fault = state.takeFault("x", account, CREATE_FAULTS, { route: "x POST /2/tweets", creates: true });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit") return tooMany(ctx, Date.now() + fault.resetInMs);
  if (fault?.kind === "server_error") return ctx.send(fault.status, serviceUnavailable(fault.status), PROBLEM);
  if (fault?.kind === "permanent")
    return ctx.send(403, problem(403, "Forbidden", "You are not permitted to perform this action."), PROBLEM);
  const body = ctx.json as { text?: unknown; media?: { media_ids?: unknown }; reply?: unknown } | null;
  const text = typeof body?.text === "string" ? body.text : "";
  // A reply (src/emulator/replies.ts): to a post X holds, refused as X refuses it otherwise.
  const replyTo = body && "reply" in body ? xReplyTarget(ctx, body.reply) : undefined;
  if (replyTo === null) return;
  const mediaIds = Array.isArray(body?.media?.media_ids) ? body.media.media_ids.map(String) : [];
  if (!text && mediaIds.length === 0)
    return ctx.send(
      400,
      {
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.twitter.com/2/problems/invalid-request",
        errors: [{ message: "text or media is required" }],
      },
      PROBLEM,
    );
  if (xLength(text) > 280)
    return ctx.send(
      400,
      {
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.twitter.com/2/problems/invalid-request",
        errors: [{ message: "Your Tweet text is too long." }],
      },
      PROBLEM,
    );
  // Media must be the author's own uploads and ready: X answers "Your media IDs are invalid." otherwise.
  const attached = mediaForPost(ctx, account, mediaIds);
  if (!attached) return invalid(ctx, "Your media IDs are invalid.");
  const waitUser = state.consume(`x:user:${account}`, USER_LIMIT, USER_WINDOW);
  if (waitUser > 0) return tooMany(ctx, Date.now() + waitUser);
  const waitApp = state.consume("x:app", APP_LIMIT, DAY);
  if (waitApp > 0) return tooMany(ctx, Date.now() + waitApp);
  if (
    text !== "" &&
    (state.postsOf("x", account).some((p) => p.text === text) || xDuplicateReply(ctx, account, text))
  ) {
    return ctx.send(
      403,
      problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."),
      PROBLEM,
    );
  }
  if (replyTo !== undefined) {
    const id = recordXReply(ctx, account, replyTo, text);
    if (await afterAccept(ctx, fault, (status) => ({ body: serviceUnavailable(status), headers: PROBLEM }))) return;
    return ctx.send(
      201,
      { data: { id, text, edit_history_tweet_ids: [id] } },
      rateHeaders(USER_LIMIT - 1, Date.now() + USER_WINDOW),
    );
  }
  const post = state.record({
    id: state.nextId(),
    platform: "x",
    account,
    text,
    media: mediaIds,
    ...(mediaIds.length > 0 ? { mediaSha256: attached.sha256 } : {}),
    ...(attached.altTexts.length > 0 ? { altTexts: attached.altTexts } : {}),
  });
  if (await afterAccept(ctx, fault, (status) => ({ body: serviceUnavailable(status), headers: PROBLEM }))) return;
  ctx.send(
    201,
    { data: { id: post.id, text, edit_history_tweet_ids: [post.id] } },
    rateHeaders(USER_LIMIT - 1, Date.now() + USER_WINDOW),
  );
}

const LOOKUP_PARAMS = ["ids", "expansions", "media.fields", "place.fields", "poll.fields", "user.fields"];

function metrics(ctx: Ctx): void {
  ctx.state.hit("x GET /2/tweets");
  const spelling = ctx.state.config.xSpelling;
  const fieldsParam = `${spelling}.fields`;
  const allowed = [...LOOKUP_PARAMS, fieldsParam];
  // X refuses a query parameter it does not know, naming it and the ones it takes.
  for (const name of ctx.query.keys()) {
    if (!allowed.includes(name))
      return ctx.send(
        400,
        {
          errors: [
            {
              parameters: { [name]: [ctx.query.get(name) ?? ""] },
              message: `The query parameter [${name}] is not one of [${allowed.join(",")}]`,
            },
          ],
          title: "Invalid Request",
          detail: "One or more parameters to your request was invalid.",
          type: "https://api.twitter.com/2/problems/invalid-request",
        },
        PROBLEM,
      );
  }
  const ids = (ctx.query.get("ids") ?? "").split(",").filter(Boolean);
  const now = ctx.state.now();
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !ctx.state.find("x", id));
  const data = unique
    .flatMap((id) => ctx.state.find("x", id) ?? [])
    .map((p) => {
      const e = engagementAt(p.id, p.createdAtMs, now);
      return {
        id: p.id,
        text: p.text,
        public_metrics: {
          [spelling === "post" ? "repost_count" : "retweet_count"]: e.shares,
          reply_count: e.comments,
          like_count: e.likes,
          quote_count: Math.floor(e.shares / 4),
          bookmark_count: e.saves,
          impression_count: e.views,
        },
      };
    });
  // Posts X cannot show come back as errors beside the data, in the same 200.
  const errors = missing.map((id) => ({
    value: id,
    detail: `Could not find post with ids: [${id}].`,
    title: "Not Found Error",
    resource_type: "post",
    parameter: "ids",
    resource_id: id,
    type: "https://api.twitter.com/2/problems/resource-not-found",
  }));
  ctx.send(200, { ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) });
}

function token(ctx: Ctx): void {
  ctx.state.hit("x POST /2/oauth2/token");
  if (ctx.params.get("grant_type") === "authorization_code") {
    const grant = exchangeCode(ctx, "x");
    if (!grant.ok) return ctx.send(grant.status, { error: grant.error, error_description: grant.description });
    const scopes = grant.scope.split(/\s+/);
    const issued = ctx.state.issueTokens("x", grant.account.id);
    bindRefreshToken(ctx, "x", issued.refreshToken, grant.clientId);
    return ctx.send(200, {
      token_type: "bearer",
      expires_in: 7200,
      access_token: issued.accessToken,
      scope: grant.scope,
      // A refresh token only with offline.access.
      ...(scopes.includes("offline.access") ? { refresh_token: issued.refreshToken } : {}),
    });
  }
  const refreshToken = ctx.params.get("refresh_token") ?? "";
  // A confidential client's refresh carries its id and secret in HTTP Basic, as its code exchange did.
  const client =
    ctx.params.get("grant_type") === "refresh_token"
      ? refreshClientCheck(ctx, "x", refreshToken, { basicOnly: true })
      : null;
  if (client && !client.ok)
    return ctx.send(401, { error: "unauthorized_client", error_description: "Missing valid authorization header" });
  const r = ctx.params.get("grant_type") === "refresh_token" ? ctx.state.refresh("x", refreshToken, true) : null;
  if (!r)
    return ctx.send(400, { error: "invalid_request", error_description: "Value passed for the token was invalid." });
  // X rotates refresh tokens: the new one belongs to the same client.
  if (client?.ok && client.clientId) bindRefreshToken(ctx, "x", r.refreshToken, client.clientId);
  ctx.send(200, {
    token_type: "bearer",
    expires_in: 7200,
    access_token: r.accessToken,
    refresh_token: r.refreshToken,
    scope: "tweet.read tweet.write users.read offline.access",
  });
}

function me(ctx: Ctx, account: string): void {
  ctx.state.hit("x GET /2/users/me");
  const known = oauthStore(ctx).accounts.find((a) => a.platform === "x" && a.id === account);
  ctx.send(200, { data: { id: account, name: known?.name ?? account, username: known?.username ?? account } });
}

export async function handleX(ctx: Ctx): Promise<boolean> {
  const { method, path } = ctx;
  if (method === "POST" && path === "/2/oauth2/token") return (token(ctx), true);
  // x.com/i/oauth2/authorize: the consent page (PKCE required) and its answer.
  if (method === "GET" && path === "/i/oauth2/authorize") return (authorizePage(ctx, "x", { pkce: "required" }), true);
  if (method === "POST" && path === "/i/oauth2/authorize") return (authorizeDecision(ctx, "x"), true);
  const bearer = ctx.bearer();
  if (!ctx.state.tokenValid("x", bearer)) {
    ctx.state.hit(`x ${method} ${path}`);
    ctx.send(401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" }, PROBLEM);
    return true;
  }
  const account = ctx.state.accountOfToken("x", bearer);
  ctx.state.seen("x", account, bearer);
  if (method === "POST" && path === "/2/tweets") return (await tweet(ctx, account), true);
  if (method === "GET" && path === "/2/tweets") return (metrics(ctx), true);
  if (method === "GET" && path === "/2/users/me") return (me(ctx, account), true);
  const mentioned = /^\/2\/users\/([^/]+)\/mentions$/.exec(path);
  if (method === "GET" && mentioned) return (mentions(ctx, account, decodeURIComponent(mentioned[1] ?? "")), true);
  if (method === "POST" && path === "/2/media/upload") return (await simpleUpload(ctx, account), true);
  if (method === "GET" && path === "/2/media/upload") return (status(ctx, account), true);
  if (method === "POST" && path === "/2/media/upload/initialize") return (initialize(ctx, account), true);
  if (method === "POST" && path === "/2/media/metadata") return (metadata(ctx, account), true);
  const chunk = /^\/2\/media\/upload\/([^/]+)\/(append|finalize)$/.exec(path);
  if (method === "POST" && chunk?.[2] === "append") return (await append(ctx, account, chunk[1] ?? ""), true);
  if (method === "POST" && chunk?.[2] === "finalize") return (finalize(ctx, account, chunk[1] ?? ""), true);
  return false;
}

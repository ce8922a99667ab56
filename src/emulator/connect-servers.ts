import { randomBytes } from "node:crypto";
import type { Ctx } from "@/emulator/context";
import type { EmulatedPlatform, OauthAccount } from "@/emulator/control-schema";
import { authenticatedClient, authorizeDecision, authorizePage, exchangeCode, oauthStore } from "@/emulator/oauth";
import { graphError, graphToken, stripVersion } from "@/emulator/platforms/graph";

// The account-connecting side of TikTok, Instagram, Facebook and LINE (docs/platforms.md "Connecting"), kept
// apart from the publishing emulations: consent pages, code and token exchanges, and the identity reads that
// follow them. As strict as the references: registered clients with their secrets and exact redirect URIs,
// single-use codes (oauth.ts), TikTok's rotating refresh tokens bound to the client, Instagram's short token
// exchanged once for a 60-day one that refreshes only after 24 hours, Facebook's long-lived user token and
// Page tokens, LINE tokens issued from the channel id and secret and verified before use.

const DAY = 86_400_000;

/** What the emulator knows of the tokens it handed out here, per emulator epoch. */
type Issued = {
  platform: EmulatedPlatform;
  account: string;
  clientId: string | null;
  kind: "user-short" | "user-long" | "access" | "refresh" | "line";
  scope: string;
  issuedAt: number;
  expiresAt: number | null;
};
const issuedStores = new WeakMap<object, Map<string, Issued>>();

function issued(ctx: Ctx): Map<string, Issued> {
  let m = issuedStores.get(ctx.state.epoch);
  if (!m) issuedStores.set(ctx.state.epoch, (m = new Map<string, Issued>()));
  return m;
}

function remember(ctx: Ctx, token: string, i: Omit<Issued, "issuedAt" | "platform">): void {
  issued(ctx).set(`${ctx.platform}:${token}`, { ...i, platform: ctx.platform, issuedAt: ctx.state.now() });
}

function lookup(ctx: Ctx, token: string): Issued | undefined {
  const i = issued(ctx).get(`${ctx.platform}:${token}`);
  if (!i) return undefined;
  if (i.expiresAt !== null && i.expiresAt <= ctx.state.now()) return undefined;
  if (!ctx.state.tokenValid(ctx.platform, token)) return undefined;
  return i;
}

/** The scope of a token issued through a consent page here, or null for one the emulator did not issue (demo tokens). */
export function grantedScope(ctx: Ctx, token: string): string | null {
  return lookup(ctx, token)?.scope ?? null;
}

function account(ctx: Ctx, id: string): OauthAccount | undefined {
  return oauthStore(ctx).accounts.find((a) => a.platform === ctx.platform && a.id === id);
}

const logId = () => `2026${Math.random().toString(16).slice(2, 18).toUpperCase()}`;

// ---------------------------------------------------------------- TikTok

function tiktokError(ctx: Ctx, status: number, error: string, description: string): void {
  ctx.send(status, { error, error_description: description, log_id: logId() });
}

function tiktokToken(ctx: Ctx): void {
  ctx.state.hit("tiktok POST /v2/oauth/token/");
  const grantType = ctx.params.get("grant_type");
  if (grantType === "authorization_code") {
    const grant = exchangeCode(ctx, "tiktok", "client_key");
    if (!grant.ok) return tiktokError(ctx, grant.status, grant.error, grant.description);
    const tokens = ctx.state.issueTokens("tiktok", grant.account.id);
    remember(ctx, tokens.accessToken, {
      account: grant.account.id,
      clientId: grant.clientId,
      kind: "access",
      scope: grant.scope,
      expiresAt: ctx.state.now() + DAY,
    });
    remember(ctx, tokens.refreshToken, {
      account: grant.account.id,
      clientId: grant.clientId,
      kind: "refresh",
      scope: grant.scope,
      expiresAt: ctx.state.now() + 365 * DAY,
    });
    return ctx.send(200, {
      access_token: tokens.accessToken,
      expires_in: 86_400,
      open_id: grant.account.id,
      refresh_expires_in: 31_536_000,
      refresh_token: tokens.refreshToken,
      scope: grant.scope,
      token_type: "Bearer",
    });
  }
  if (grantType !== "refresh_token")
    return tiktokError(ctx, 400, "unsupported_grant_type", "The grant type is not supported.");
  const refreshToken = ctx.params.get("refresh_token") ?? "";
  // A refresh token handed out by a code grant belongs to that client: only it may use it.
  const bound = issued(ctx).get(`tiktok:${refreshToken}`);
  if (bound?.clientId) {
    const client = authenticatedClient(ctx, "tiktok", "client_key");
    if (!client || client.clientId !== bound.clientId)
      return tiktokError(ctx, 401, "invalid_client", "Client authentication failed.");
  }
  const r = ctx.state.refresh("tiktok", refreshToken, true);
  if (!r) return tiktokError(ctx, 400, "invalid_grant", "Refresh token is invalid or expired.");
  const scope = bound?.scope ?? "user.info.basic,user.info.profile,video.publish,video.upload,video.list";
  remember(ctx, r.accessToken, {
    account: r.account,
    clientId: bound?.clientId ?? null,
    kind: "access",
    scope,
    expiresAt: ctx.state.now() + DAY,
  });
  remember(ctx, r.refreshToken, {
    account: r.account,
    clientId: bound?.clientId ?? null,
    kind: "refresh",
    scope,
    expiresAt: ctx.state.now() + 365 * DAY,
  });
  ctx.send(200, {
    access_token: r.accessToken,
    expires_in: 86_400,
    open_id: r.account,
    refresh_expires_in: 31_536_000,
    refresh_token: r.refreshToken,
    scope,
    token_type: "Bearer",
  });
}

function tiktokUserInfo(ctx: Ctx): void {
  ctx.state.hit("tiktok GET /v2/user/info/");
  const bearer = ctx.bearer();
  const known = lookup(ctx, bearer);
  const envelope = (code: string, message: string) => ({ code, message, log_id: logId() });
  if (!known && !ctx.state.tokenValid("tiktok", bearer))
    return ctx.send(401, {
      data: {},
      error: envelope("access_token_invalid", "The access token is invalid or not found in the request."),
    });
  const id = known?.account ?? ctx.state.accountOfToken("tiktok", bearer);
  const fields = (ctx.query.get("fields") ?? "").split(",").filter(Boolean);
  if (fields.length === 0) return ctx.send(400, { data: {}, error: envelope("invalid_params", "fields is required") });
  // username and the profile fields need user.info.profile; asking without it is refused.
  const scopes = (known?.scope ?? "user.info.basic,user.info.profile").split(/[,\s]+/);
  if (fields.includes("username") && !scopes.includes("user.info.profile"))
    return ctx.send(401, {
      data: {},
      error: envelope(
        "scope_not_authorized",
        "The user did not authorize the scope required for completing this request.",
      ),
    });
  const a = account(ctx, id);
  const all: Record<string, string> = {
    open_id: id,
    union_id: `u-${id}`,
    display_name: a?.name ?? id,
    username: a?.username ?? id,
    avatar_url: "",
  };
  ctx.send(200, {
    data: { user: Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) },
    error: envelope("ok", ""),
  });
}

async function handleTiktokConnect(ctx: Ctx): Promise<boolean> {
  const { method, path } = ctx;
  // www.tiktok.com/v2/auth/authorize/: PKCE only where the person's browser is not a web page (not required).
  if (path === "/v2/auth/authorize/" && method === "GET")
    return (authorizePage(ctx, "tiktok", { pkce: "optional", clientParam: "client_key" }), true);
  if (path === "/v2/auth/authorize/" && method === "POST")
    return (authorizeDecision(ctx, "tiktok", "client_key"), true);
  if (path === "/v2/oauth/token/" && method === "POST") return (tiktokToken(ctx), true);
  if (path === "/v2/user/info/" && method === "GET") return (tiktokUserInfo(ctx), true);
  return false;
}

// ---------------------------------------------------------------- Instagram (Instagram Login)

const IG_LONG_S = 5_184_000;

function igError(ctx: Ctx, message: string): void {
  // api.instagram.com's OAuth answers use their own envelope.
  ctx.send(400, { error_type: "OAuthException", code: 400, error_message: message });
}

function igCode(ctx: Ctx): void {
  ctx.state.hit("instagram POST /oauth/access_token");
  if (ctx.method !== "POST") return igError(ctx, "Invalid request method");
  if (ctx.params.get("grant_type") !== "authorization_code") return igError(ctx, "Invalid grant_type");
  const grant = exchangeCode(ctx, "instagram");
  if (!grant.ok) return igError(ctx, grant.description);
  const short = ctx.state.issueTokens("instagram", grant.account.id).accessToken;
  remember(ctx, short, {
    account: grant.account.id,
    clientId: grant.clientId,
    kind: "user-short",
    scope: grant.scope,
    expiresAt: ctx.state.now() + 3_600_000,
  });
  ctx.send(200, { data: [{ access_token: short, user_id: grant.account.id, permissions: grant.scope }] });
}

function igExchange(ctx: Ctx): void {
  ctx.state.hit("instagram GET /access_token");
  if (ctx.params.get("grant_type") !== "ig_exchange_token")
    return ctx.send(400, graphError("Unsupported grant_type", 100));
  const token = lookup(ctx, graphToken(ctx));
  // Only a short-lived token is exchanged, once, by the app it was issued to (its secret).
  if (!token || token.kind !== "user-short")
    return ctx.send(400, graphError("Error validating access token: Session has expired or is invalid.", 190));
  const client = oauthStore(ctx).clients.find((c) => c.platform === "instagram" && c.clientId === token.clientId);
  if (!client || client.clientSecret !== (ctx.params.get("client_secret") ?? ""))
    return ctx.send(400, graphError("Error validating client secret.", 1, 404));
  issued(ctx).delete(`instagram:${graphToken(ctx)}`);
  const long = ctx.state.issueTokens("instagram", token.account).accessToken;
  remember(ctx, long, {
    account: token.account,
    clientId: token.clientId,
    kind: "user-long",
    scope: token.scope,
    expiresAt: ctx.state.now() + IG_LONG_S * 1000,
  });
  ctx.send(200, { access_token: long, token_type: "bearer", expires_in: IG_LONG_S });
}

/** refresh_access_token: a long-lived token at least 24 hours old and still valid, for a new 60-day one. */
function igRefresh(ctx: Ctx): void {
  ctx.state.hit("instagram GET /refresh_access_token");
  const old = graphToken(ctx);
  if (ctx.params.get("grant_type") !== "ig_refresh_token")
    return ctx.send(400, graphError("Unsupported grant_type", 100));
  const known = issued(ctx).get(`instagram:${old}`);
  if (known && (known.kind !== "user-long" || known.issuedAt + DAY > ctx.state.now()))
    return ctx.send(400, graphError("The access token is not eligible for refresh yet.", 190));
  if (known && !lookup(ctx, old))
    return ctx.send(400, graphError("Error validating access token: Session has expired.", 190, 463));
  const next = ctx.state.exchangeAccess("instagram", old);
  if (!next) return ctx.send(400, graphError("Error validating access token: Session has expired.", 190, 463));
  const id = known?.account ?? ctx.state.accountOfToken("instagram", old);
  remember(ctx, next, {
    account: id,
    clientId: known?.clientId ?? null,
    kind: "user-long",
    scope: known?.scope ?? "",
    expiresAt: ctx.state.now() + IG_LONG_S * 1000,
  });
  ctx.send(200, { access_token: next, token_type: "bearer", expires_in: IG_LONG_S });
}

function igMe(ctx: Ctx): void {
  ctx.state.hit("instagram GET /me");
  const token = graphToken(ctx);
  const known = lookup(ctx, token);
  if (!known && !ctx.state.tokenValid("instagram", token))
    return ctx.send(400, graphError("Error validating access token: Session has expired.", 190, 463));
  if (known?.kind === "user-short" || (!known && !token))
    return ctx.send(400, graphError("Invalid OAuth access token.", 190));
  const id = known?.account ?? ctx.state.accountOfToken("instagram", token);
  const a = account(ctx, id);
  const all: Record<string, string> = {
    id: `app-scoped-${id}`,
    user_id: id,
    username: a?.username ?? id,
    name: a?.name ?? id,
    account_type: a?.accountType ?? "BUSINESS",
  };
  const fields = (ctx.params.get("fields") ?? "id").split(",").filter(Boolean);
  const unknown = fields.find((f) => !(f in all));
  if (unknown)
    return ctx.send(400, graphError(`(#100) Tried accessing nonexisting field (${unknown}) on node type (User)`, 100));
  ctx.send(200, Object.fromEntries([["id", all.id], ...fields.map((f) => [f, all[f]])]));
}

async function handleInstagramConnect(ctx: Ctx): Promise<boolean> {
  const path = stripVersion(ctx.path);
  if (path === "/oauth/authorize" && ctx.method === "GET")
    return (authorizePage(ctx, "instagram", { pkce: "optional" }), true);
  if (path === "/oauth/authorize" && ctx.method === "POST") return (authorizeDecision(ctx, "instagram"), true);
  if (path === "/oauth/access_token") return (igCode(ctx), true);
  if (path === "/access_token" && ctx.method === "GET") return (igExchange(ctx), true);
  if (path === "/refresh_access_token" && ctx.method === "GET") return (igRefresh(ctx), true);
  if (path === "/me" && ctx.method === "GET") return (igMe(ctx), true);
  return false;
}

// ---------------------------------------------------------------- Facebook (Facebook Login, Pages)

function fbAccessToken(ctx: Ctx): void {
  ctx.state.hit("facebook GET /oauth/access_token");
  if (ctx.params.get("grant_type") === "fb_exchange_token") {
    const client = authenticatedClient(ctx, "facebook");
    if (!client) return ctx.send(400, graphError("Error validating client secret.", 1, 404));
    const short = lookup(ctx, ctx.params.get("fb_exchange_token") ?? "");
    if (!short || short.kind !== "user-short" || short.clientId !== client.clientId)
      return ctx.send(400, graphError("Error validating access token: Session has expired or is invalid.", 190));
    const long = ctx.state.issueTokens("facebook", short.account).accessToken;
    remember(ctx, long, {
      account: short.account,
      clientId: client.clientId,
      kind: "user-long",
      scope: short.scope,
      expiresAt: ctx.state.now() + 60 * DAY,
    });
    return ctx.send(200, { access_token: long, token_type: "bearer", expires_in: 5_183_944 });
  }
  const grant = exchangeCode(ctx, "facebook");
  if (!grant.ok)
    return ctx.send(
      400,
      graphError(
        grant.status === 401
          ? "Error validating client secret."
          : `Error validating verification code. ${grant.description}`,
        grant.status === 401 ? 1 : 100,
        grant.status === 401 ? 404 : 36007,
      ),
    );
  const short = ctx.state.issueTokens("facebook", grant.account.id).accessToken;
  remember(ctx, short, {
    account: grant.account.id,
    clientId: grant.clientId,
    kind: "user-short",
    scope: grant.scope,
    expiresAt: ctx.state.now() + 2 * 3_600_000,
  });
  ctx.send(200, { access_token: short, token_type: "bearer", expires_in: 5_400 });
}

/** /me/accounts: the Pages the person manages, each with a Page token (the publishing emulation accepts it). */
function fbPages(ctx: Ctx): void {
  ctx.state.hit("facebook GET /me/accounts");
  const user = lookup(ctx, graphToken(ctx));
  if (!user || (user.kind !== "user-short" && user.kind !== "user-long"))
    return ctx.send(400, graphError("Error validating access token: Session has expired or is invalid.", 190, 463));
  const person = account(ctx, user.account);
  const data = (person?.pages ?? []).map((p) => {
    const pageToken = ctx.state.issueTokens("facebook", p.id).accessToken;
    ctx.state.seen("facebook", p.id, pageToken);
    // A Page token carries the permissions the person granted the app.
    remember(ctx, pageToken, {
      account: p.id,
      clientId: user.clientId,
      kind: "access",
      scope: user.scope,
      expiresAt: null,
    });
    return {
      id: p.id,
      name: p.name,
      ...(p.username ? { username: p.username } : {}),
      category: "Government Organization",
      access_token: pageToken,
      tasks: p.tasks ?? ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
    };
  });
  ctx.send(200, { data, paging: { cursors: { before: "QVFIUmJ", after: "QVFIUmx" } } });
}

async function handleFacebookConnect(ctx: Ctx): Promise<boolean> {
  const path = stripVersion(ctx.path);
  if (path === "/dialog/oauth" && ctx.method === "GET")
    return (authorizePage(ctx, "facebook", { pkce: "optional" }), true);
  if (path === "/dialog/oauth" && ctx.method === "POST") return (authorizeDecision(ctx, "facebook"), true);
  if (path === "/oauth/access_token" && ctx.method === "GET") return (fbAccessToken(ctx), true);
  if (path === "/me/accounts" && ctx.method === "GET") return (fbPages(ctx), true);
  return false;
}

// ---------------------------------------------------------------- LINE (channel access tokens)

const LINE_SHORT_S = 2_592_000;
/** A long-lived token verifies with decades left (LINE's reference example: 3138007490 s). */
const LINE_LONG_S = 3_138_007_490;

/**
 * The channel a client_credentials request names by its id and secret, as LINE's token endpoints read it; null
 * once the refusal was sent (another grant: unsupported_grant_type; a wrong pair: invalid_client).
 */
function lineClient(ctx: Ctx): { bot: OauthAccount; id: string } | null {
  if (ctx.params.get("grant_type") !== "client_credentials") {
    ctx.send(400, { error: "unsupported_grant_type", error_description: "grant_type is not supported" });
    return null;
  }
  const id = ctx.params.get("client_id") ?? "";
  const secret = ctx.params.get("client_secret") ?? "";
  const bot = oauthStore(ctx).accounts.find((a) => a.platform === "line" && a.channelId === id);
  if (!bot || !secret || bot.channelSecret !== secret) {
    ctx.send(400, { error: "invalid_client", error_description: "invalid client_id or client_secret" });
    return null;
  }
  return { bot, id };
}

function lineIssue(ctx: Ctx): void {
  ctx.state.hit("line POST /v2/oauth/accessToken");
  const client = lineClient(ctx);
  if (!client) return;
  const { bot, id } = client;
  const token = ctx.state.issueTokens("line", bot.id).accessToken;
  ctx.state.seen("line", bot.id, token);
  remember(ctx, token, {
    account: bot.id,
    clientId: id,
    kind: "line",
    scope: "P CM",
    expiresAt: ctx.state.now() + LINE_SHORT_S * 1000,
  });
  ctx.send(200, { access_token: token, expires_in: LINE_SHORT_S, token_type: "Bearer" });
}

/** The bot a channel token speaks for: one issued here, or a registered channel's long-lived token. */
function lineBot(ctx: Ctx, token: string): { bot: OauthAccount; expiresIn: number } | null {
  const known = lookup(ctx, token);
  if (known?.kind === "line") {
    const bot = account(ctx, known.account);
    return bot ? { bot, expiresIn: Math.floor(((known.expiresAt ?? 0) - ctx.state.now()) / 1000) } : null;
  }
  const bot = oauthStore(ctx).accounts.find((a) => a.platform === "line" && a.accessToken && a.accessToken === token);
  return bot && ctx.state.tokenValid("line", token) ? { bot, expiresIn: LINE_LONG_S } : null;
}

function lineVerify(ctx: Ctx): void {
  ctx.state.hit(`line ${ctx.method} ${ctx.path}`);
  const found =
    ctx.method === "POST" && ctx.path === "/v2/oauth/verify"
      ? lineBot(ctx, ctx.params.get("access_token") ?? "")
      : null;
  // v2.1 tokens (by JWT assertion) are not emulated: every one is refused as LINE refuses an unknown token.
  if (!found) return ctx.send(400, { error: "invalid_request", error_description: "access token expired" });
  ctx.send(200, { client_id: found.bot.channelId ?? "", expires_in: found.expiresIn, scope: "P CM" });
}

function lineInfo(ctx: Ctx): void {
  ctx.state.hit("line GET /v2/bot/info");
  const found = lineBot(ctx, ctx.bearer());
  if (!found)
    return ctx.send(401, {
      message: "Authentication failed. Confirm that the access token in the authorization header is valid.",
    });
  ctx.state.seen("line", found.bot.id, ctx.bearer());
  ctx.send(200, {
    userId: found.bot.id,
    basicId: found.bot.username.startsWith("@") ? found.bot.username : `@${found.bot.username}`,
    displayName: found.bot.name,
    chatMode: "bot",
    markAsReadMode: "auto",
  });
}

/**
 * POST /oauth2/v3/token (client_credentials): a stateless channel access token, 15 minutes, from the channel's id
 * and secret; a wrong pair is 400 invalid_client, as for /v2/oauth/accessToken (line-openapi
 * channel-access-token.yml, IssueStatelessChannelTokenResponse). Not usable for anything else here.
 */
function lineStateless(ctx: Ctx): void {
  ctx.state.hit("line POST /oauth2/v3/token");
  if (!lineClient(ctx)) return;
  ctx.send(200, {
    token_type: "Bearer",
    access_token: `stateless-${randomBytes(16).toString("hex")}`,
    expires_in: 900,
  });
}

async function handleLineConnect(ctx: Ctx): Promise<boolean> {
  if (ctx.path === "/v2/oauth/accessToken" && ctx.method === "POST") return (lineIssue(ctx), true);
  if (ctx.path === "/oauth2/v3/token" && ctx.method === "POST") return (lineStateless(ctx), true);
  if (ctx.path === "/v2/oauth/verify" || ctx.path === "/oauth2/v2.1/verify") return (lineVerify(ctx), true);
  if (ctx.path === "/v2/bot/info" && ctx.method === "GET") return (lineInfo(ctx), true);
  return false;
}

/** Tried before the publishing emulation of the same platform; false when the request is not about connecting. */
export async function handleConnect(ctx: Ctx): Promise<boolean> {
  switch (ctx.platform) {
    case "tiktok":
      return handleTiktokConnect(ctx);
    case "instagram":
      return handleInstagramConnect(ctx);
    case "facebook":
      return handleFacebookConnect(ctx);
    case "line":
      return handleLineConnect(ctx);
    default:
      return false;
  }
}

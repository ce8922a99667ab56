import { z } from "zod";
import { form, http, joinUrl, parse, type HttpResult } from "@/platforms/http";
import { GRAPH_VERSION } from "@/platforms/meta";
import {
  authorizeUrlOf,
  type AccountConnector,
  type ConnectConfig,
  type ConnectedAccount,
  type ConnectOutcome,
} from "@/platforms/connect";
import type { TokenSet } from "@/platforms/types";

// "Sambungkan akun" for TikTok, Instagram and Facebook Pages (docs/platforms.md "Connecting"), in the shape
// of connect.ts: where to send the person, and how the code that comes back becomes tokens and identities.

const inSeconds = (s: number | undefined, now: number) => (s === undefined ? null : new Date(now + s * 1000));

const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });
const graphErrorShape = z.object({ error: z.object({ message: z.string() }) });

/** The platform's own words for a refusal, never a token (none of these bodies carries one on refusal). */
function refusalOf(res: HttpResult): string {
  if (res.kind === "network") return res.message;
  const o = parse(oauthError, res.body);
  if (o) return o.error_description ?? o.error;
  const g = parse(graphErrorShape, res.body);
  return g ? g.error.message : `HTTP ${res.status}`;
}

function okBody<T>(res: HttpResult, schema: z.ZodType<T>): T | null {
  return res.kind === "response" && res.status < 300 ? parse(schema, res.body) : null;
}

/** Instagram Login and Facebook Login take the same parameters; only their scopes differ. */
function metaParams(cfg: ConnectConfig, state: string, scopes: string[]): Record<string, string> {
  return {
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    response_type: "code",
    scope: scopes.join(","),
    state,
  };
}

// ---------------------------------------------------------------- TikTok

/**
 * Login Kit v2. The four scopes the issue names, and user.info.profile: user.info.basic gives no username,
 * and Siar's registry and links need the @handle. TikTok's web flow documents no PKCE (only its desktop and
 * mobile kits do), so none is sent; the state carries the protection.
 */
const TIKTOK_SCOPES = ["user.info.basic", "user.info.profile", "video.publish", "video.upload", "video.list"];
const TIKTOK_NEEDED = ["video.publish", "video.upload"];

const tiktokToken = z.object({
  access_token: z.string().min(1),
  open_id: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number(),
  refresh_expires_in: z.coerce.number(),
  scope: z.string().default(""),
});
const tiktokUser = z.object({
  data: z.object({
    user: z.object({ open_id: z.string(), display_name: z.string().default(""), username: z.string().optional() }),
  }),
  error: z.object({ code: z.string() }).optional(),
});

export function tiktokConnector(cfg: ConnectConfig): AccountConnector {
  return {
    pkce: false,
    authorizeUrl({ state }) {
      // TikTok names the client id `client_key`.
      const { clientId, redirectUri } = cfg;
      const params = { client_key: clientId, response_type: "code", redirect_uri: redirectUri, state };
      return authorizeUrlOf(cfg.authorizeUrl, { ...params, scope: TIKTOK_SCOPES.join(",") });
    },
    async complete({ code }) {
      const now = Date.now();
      const res = await http(
        joinUrl(cfg.apiBaseUrl, "/v2/oauth/token/"),
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form({
            client_key: cfg.clientId,
            client_secret: cfg.clientSecret,
            code,
            grant_type: "authorization_code",
            redirect_uri: cfg.redirectUri,
          }),
        },
        cfg.timeoutMs,
      );
      // TikTok may refuse with HTTP 200 and an error object instead of tokens.
      const tokens = okBody(res, tiktokToken);
      if (!tokens) return { kind: "failed", message: refusalOf(res) };
      const granted = tokens.scope.split(/[,\s]+/);
      if (!TIKTOK_NEEDED.every((s) => granted.includes(s)))
        return { kind: "wrong_account", message: "The person did not allow posting videos", reason: "scopesMissing" };
      const me = await http(
        joinUrl(cfg.apiBaseUrl, "/v2/user/info/?fields=open_id,display_name,username"),
        { headers: { Authorization: `Bearer ${tokens.access_token}` } },
        cfg.timeoutMs,
      );
      const user = okBody(me, tiktokUser);
      if (!user || (user.error && user.error.code !== "ok"))
        return { kind: "failed", message: `TikTok did not say who the account is (${refusalOf(me)})` };
      const u = user.data.user;
      return {
        kind: "connected",
        accounts: [
          {
            platformAccountId: u.open_id,
            handle: u.username ?? u.open_id,
            displayName: u.display_name || u.username || u.open_id,
            tokens: {
              accessToken: tokens.access_token,
              refreshToken: tokens.refresh_token,
              expiresAt: inSeconds(tokens.expires_in, now),
              refreshExpiresAt: inSeconds(tokens.refresh_expires_in, now),
            },
          },
        ],
      };
    },
  };
}

// ---------------------------------------------------------------- Instagram (Instagram Login)

const INSTAGRAM_SCOPES = [
  "instagram_business_basic",
  "instagram_business_content_publish",
  "instagram_business_manage_comments",
  "instagram_business_manage_insights",
];
/** Only professional accounts can publish through the API. */
const PROFESSIONAL = new Set(["BUSINESS", "MEDIA_CREATOR"]);

const igShortToken = z.union([
  z.object({ data: z.array(z.object({ access_token: z.string().min(1), user_id: z.coerce.string() })).min(1) }),
  z.object({ access_token: z.string().min(1), user_id: z.coerce.string() }),
]);
const igLongToken = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number() });
const igMe = z.object({
  user_id: z.coerce.string(),
  username: z.string().min(1),
  name: z.string().optional(),
  account_type: z.string().optional(),
});

export function instagramConnector(cfg: ConnectConfig): AccountConnector {
  return {
    pkce: false,
    authorizeUrl({ state }) {
      return authorizeUrlOf(cfg.authorizeUrl, metaParams(cfg, state, INSTAGRAM_SCOPES));
    },
    async complete({ code }) {
      const now = Date.now();
      // 1. The code for a short-lived token (an hour), at api.instagram.com.
      const res = await http(
        joinUrl(cfg.tokenBaseUrl ?? "https://api.instagram.com", "/oauth/access_token"),
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form({
            client_id: cfg.clientId,
            client_secret: cfg.clientSecret,
            grant_type: "authorization_code",
            redirect_uri: cfg.redirectUri,
            code,
          }),
        },
        cfg.timeoutMs,
      );
      const short = okBody(res, igShortToken);
      if (!short) return { kind: "failed", message: refusalOf(res) };
      const shortToken = "data" in short ? short.data[0]!.access_token : short.access_token;
      // 2. The short-lived token for the 60-day one, at graph.instagram.com.
      const exchange = new URL(joinUrl(cfg.apiBaseUrl, "/access_token"));
      exchange.searchParams.set("grant_type", "ig_exchange_token");
      exchange.searchParams.set("client_secret", cfg.clientSecret);
      exchange.searchParams.set("access_token", shortToken);
      const longRes = await http(exchange.toString(), {}, cfg.timeoutMs);
      const long = okBody(longRes, igLongToken);
      if (!long) return { kind: "failed", message: refusalOf(longRes) };
      // 3. Who it is, and whether it is a professional account.
      const me = new URL(joinUrl(cfg.apiBaseUrl, `/${GRAPH_VERSION}/me`));
      me.searchParams.set("fields", "user_id,username,name,account_type");
      const meRes = await http(
        me.toString(),
        { headers: { Authorization: `Bearer ${long.access_token}` } },
        cfg.timeoutMs,
      );
      const user = okBody(meRes, igMe);
      if (!user) return { kind: "failed", message: `Instagram did not say who the account is (${refusalOf(meRes)})` };
      if (!user.account_type || !PROFESSIONAL.has(user.account_type))
        return { kind: "wrong_account", message: `Instagram account type ${user.account_type ?? "unknown"}` };
      return {
        kind: "connected",
        accounts: [
          {
            platformAccountId: user.user_id,
            handle: user.username,
            displayName: user.name || user.username,
            tokens: {
              accessToken: long.access_token,
              refreshToken: null,
              expiresAt: inSeconds(long.expires_in, now),
              refreshExpiresAt: null,
            },
          },
        ],
      };
    },
  };
}

// ---------------------------------------------------------------- Facebook Pages (Facebook Login)

// pages_manage_engagement: replying to comments (public replies, docs/platforms.md "Public replies");
// pages_manage_metadata: installing Siar's app on the Page so its comments come by webhook (meta-subscribe.ts).
const FACEBOOK_SCOPES = [
  "pages_show_list",
  "pages_manage_posts",
  "pages_read_engagement",
  "pages_manage_engagement",
  "pages_manage_metadata",
  "read_insights",
];

const fbToken = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });
const fbPages = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().default(""),
      username: z.string().optional(),
      access_token: z.string().min(1).optional(),
      tasks: z.array(z.string()).default([]),
    }),
  ),
  paging: z.object({ next: z.url().optional() }).optional(),
});

/** A Page the person manages, with its own token: `canPost` when their tasks let them create content. */
export type FacebookPage = ConnectedAccount & { canPost: boolean };

export function facebookConnector(cfg: ConnectConfig): AccountConnector {
  const graph = (path: string, params: Record<string, string>) => {
    const u = new URL(joinUrl(cfg.apiBaseUrl, `/${GRAPH_VERSION}${path}`));
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  };
  return {
    pkce: false,
    authorizeUrl({ state }) {
      return authorizeUrlOf(cfg.authorizeUrl, metaParams(cfg, state, FACEBOOK_SCOPES));
    },
    async complete({ code }): Promise<ConnectOutcome> {
      // 1. The code for a short-lived user token (the redirect URI must be the one sent to the dialog).
      const res = await http(
        graph("/oauth/access_token", {
          client_id: cfg.clientId,
          client_secret: cfg.clientSecret,
          redirect_uri: cfg.redirectUri,
          code,
        }),
        {},
        cfg.timeoutMs,
      );
      const short = okBody(res, fbToken);
      if (!short) return { kind: "failed", message: refusalOf(res) };
      // 2. A long-lived user token: Page tokens read with it do not expire.
      const longRes = await http(
        graph("/oauth/access_token", {
          grant_type: "fb_exchange_token",
          client_id: cfg.clientId,
          client_secret: cfg.clientSecret,
          fb_exchange_token: short.access_token,
        }),
        {},
        cfg.timeoutMs,
      );
      const long = okBody(longRes, fbToken);
      if (!long) return { kind: "failed", message: refusalOf(longRes) };
      // 3. The Pages the person manages, each with its own Page token (a few pages of results at most).
      const pages: FacebookPage[] = [];
      let next: string | undefined = graph("/me/accounts", {
        fields: "id,name,username,access_token,tasks",
        limit: "100",
      });
      for (let i = 0; next && i < 5; i += 1) {
        const list = await http(next, { headers: { Authorization: `Bearer ${long.access_token}` } }, cfg.timeoutMs);
        const found = okBody(list, fbPages);
        if (!found) return { kind: "failed", message: refusalOf(list) };
        for (const p of found.data) {
          const token: TokenSet = {
            accessToken: p.access_token ?? "",
            refreshToken: null,
            expiresAt: null,
            refreshExpiresAt: null,
          };
          pages.push({
            platformAccountId: p.id,
            handle: p.username ?? p.id,
            displayName: p.name || p.username || p.id,
            tokens: token,
            canPost: Boolean(p.access_token) && p.tasks.includes("CREATE_CONTENT"),
          });
        }
        next = found.paging?.next;
      }
      if (pages.length === 0) return { kind: "wrong_account", message: "This Facebook user manages no Page" };
      return { kind: "connected", accounts: pages };
    },
  };
}

// ---------------------------------------------------------------- LINE Official Account

/** Past this, LINE's answer means "does not expire" (a long-lived token verifies with ~99 years left). */
const LINE_NEVER_EXPIRES_S = 5 * 365 * 86_400;

const lineIssued = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number() });
const lineVerified = z.object({ client_id: z.coerce.string(), expires_in: z.coerce.number() });
const lineBot = z.object({ userId: z.string().min(1), basicId: z.string().min(1), displayName: z.string() });

type LineConfig = { apiBaseUrl: string; timeoutMs: number };

/** A form POST to LINE's API (its OAuth endpoints take application/x-www-form-urlencoded). */
const postLine = (cfg: LineConfig, path: string, values: Record<string, string>) =>
  http(
    joinUrl(cfg.apiBaseUrl, path),
    { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form(values) },
    cfg.timeoutMs,
  );

/** A short-lived (30-day) channel access token issued from the channel's id and secret. */
export async function issueLineToken(
  cfg: LineConfig,
  channel: { channelId: string; channelSecret: string },
): Promise<{ kind: "issued"; accessToken: string } | { kind: "failed"; message: string }> {
  const res = await postLine(cfg, "/v2/oauth/accessToken", {
    grant_type: "client_credentials",
    client_id: channel.channelId,
    client_secret: channel.channelSecret,
  });
  const issued = okBody(res, lineIssued);
  return issued ? { kind: "issued", accessToken: issued.access_token } : { kind: "failed", message: refusalOf(res) };
}

const lineStateless = z.object({ access_token: z.string().min(1) });

/**
 * Whether `channelSecret` is the secret of the channel `accessToken` belongs to: the token's channel id from
 * LINE's verify endpoint, then a stateless channel access token (POST /oauth2/v3/token, 15 minutes, issued
 * without limit and left to lapse) asked for with that id and the secret. LINE refuses a wrong pair with 400
 * invalid_client. "unknown": LINE could not be asked (a person may try again).
 */
export async function checkLineChannelSecret(
  cfg: LineConfig,
  accessToken: string,
  channelSecret: string,
): Promise<"matches" | "refused" | "unknown"> {
  const res = await postLine(cfg, "/v2/oauth/verify", { access_token: accessToken });
  if (res.kind === "network") return "unknown";
  const channelId = okBody(res, lineVerified)?.client_id;
  if (!channelId) return "refused";
  const issued = await postLine(cfg, "/oauth2/v3/token", {
    grant_type: "client_credentials",
    client_id: channelId,
    client_secret: channelSecret,
  });
  if (issued.kind === "network" || issued.status >= 500) return "unknown";
  return okBody(issued, lineStateless) ? "matches" : "refused";
}

/**
 * A channel access token checked with LINE before anything is stored: verified (short- and long-lived
 * tokens at POST /v2/oauth/verify, v2.1 tokens at GET /oauth2/v2.1/verify), then the bot it speaks for.
 */
export async function verifyLineToken(cfg: LineConfig, accessToken: string): Promise<ConnectOutcome> {
  const now = Date.now();
  let res = await postLine(cfg, "/v2/oauth/verify", { access_token: accessToken });
  if (res.kind === "response" && res.status === 400) {
    const v21 = new URL(joinUrl(cfg.apiBaseUrl, "/oauth2/v2.1/verify"));
    v21.searchParams.set("access_token", accessToken);
    const second = await http(v21.toString(), {}, cfg.timeoutMs);
    if (second.kind === "response" && second.status < 300) res = second;
  }
  const verified = okBody(res, lineVerified);
  if (!verified) return { kind: "wrong_account", message: refusalOf(res) };
  const info = await http(
    joinUrl(cfg.apiBaseUrl, "/v2/bot/info"),
    { headers: { Authorization: `Bearer ${accessToken}` } },
    cfg.timeoutMs,
  );
  const bot = okBody(info, lineBot);
  if (!bot) return { kind: "failed", message: `LINE did not say which bot this is (${refusalOf(info)})` };
  return {
    kind: "connected",
    accounts: [
      {
        platformAccountId: bot.userId,
        handle: bot.basicId.replace(/^@/, ""),
        displayName: bot.displayName,
        tokens: {
          accessToken,
          refreshToken: null,
          expiresAt: verified.expires_in > LINE_NEVER_EXPIRES_S ? null : inSeconds(verified.expires_in, now),
          refreshExpiresAt: null,
        },
      },
    ],
  };
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Ctx } from "@/emulator/context";
import type { EmulatedPlatform, OauthAccount, OauthClient } from "@/emulator/control-schema";

// The authorization servers of the emulated platforms, as strict as the real ones (docs/platforms.md
// "Connecting"): the client must be registered with its secret and exact redirect URIs, the consent page
// lets the person (a test) pick an account or refuse, codes are single use and short-lived, and PKCE
// (S256) is verified where the platform supports it.

/**
 * X's authorization codes are valid for 30 seconds; the others live a few minutes at most. Counted on the
 * emulator's clock, which tests move with `POST /__control/clock`.
 */
const CODE_LIFETIME_MS = 30_000;

type Grant = {
  platform: EmulatedPlatform;
  clientId: string;
  redirectUri: string;
  scope: string;
  account: OauthAccount;
  codeChallenge: string | null;
  /** Google gives a refresh token only to access_type=offline. */
  offline: boolean;
  expiresAt: number;
  used: boolean;
};

/**
 * Per emulator epoch: registered clients, the accounts a consent page offers, codes handed out, and which
 * client each refresh token from a code grant belongs to (`platform:token` → client id).
 */
type Store = {
  clients: OauthClient[];
  accounts: OauthAccount[];
  grants: Map<string, Grant>;
  refreshClients: Map<string, string>;
};
const stores = new WeakMap<object, Store>();

/** Accounts the consent pages offer until a test registers its own. */
const DEFAULT_ACCOUNTS: OauthAccount[] = [
  { platform: "x", id: "1790000000000000001", username: "humas_kaltim", name: "Humas Polda Kaltim", publishes: true },
  {
    platform: "x",
    id: "1790000000000000002",
    username: "polresta_balikpapan",
    name: "Polresta Balikpapan",
    publishes: true,
  },
  {
    platform: "youtube",
    id: "UCkaltimHumasPolda00001",
    username: "humaskaltim",
    name: "Humas Polda Kaltim",
    publishes: true,
  },
  {
    platform: "facebook",
    id: "10160000000000001",
    username: "operator.humas.kaltim",
    name: "Operator Humas Kaltim",
    pages: [
      { id: "104000000000001", name: "Humas Polda Kaltim", username: "humaspoldakaltim" },
      { id: "104000000000002", name: "Polresta Balikpapan", username: "polrestabalikpapan" },
    ],
  },
  {
    platform: "instagram",
    id: "17841400000000001",
    username: "humaspoldakaltim",
    name: "Humas Polda Kaltim",
    accountType: "BUSINESS",
  },
  { platform: "tiktok", id: "act.kaltimhumas0001", username: "humaspoldakaltim", name: "Humas Polda Kaltim" },
];

export function oauthStore(ctx: Pick<Ctx, "state">): Store {
  let s = stores.get(ctx.state.epoch);
  if (!s) {
    s = {
      clients: [...ctx.state.oauthClients],
      accounts: [...DEFAULT_ACCOUNTS],
      grants: new Map(),
      refreshClients: new Map(),
    };
    stores.set(ctx.state.epoch, s);
  }
  return s;
}

export function registerClient(ctx: Pick<Ctx, "state">, client: OauthClient): void {
  const s = oauthStore(ctx);
  s.clients = [...s.clients.filter((c) => !(c.platform === client.platform && c.clientId === client.clientId)), client];
}

export function registerAccount(ctx: Pick<Ctx, "state">, account: OauthAccount): void {
  const s = oauthStore(ctx);
  s.accounts = [...s.accounts.filter((a) => !(a.platform === account.platform && a.id === account.id)), account];
}

const escape = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function page(ctx: Ctx, status: number, title: string, body: string): void {
  ctx.send(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`,
    { "content-type": "text/html; charset=utf-8" },
  );
}

function redirect(ctx: Ctx, to: string): void {
  ctx.send(302, null, { location: to });
}

/**
 * GET the authorize endpoint: checks the client and redirect URI (an unknown one is shown an error page,
 * never redirected to, as OAuth requires), then shows the consent page with the accounts to pick.
 */
export function authorizePage(
  ctx: Ctx,
  platform: EmulatedPlatform,
  opts: { pkce: "required" | "optional"; clientParam?: string },
): void {
  ctx.state.hit(`${platform} GET /oauth/authorize`);
  const q = ctx.query;
  const clientId = q.get(opts.clientParam ?? "client_id") ?? "";
  const redirectUri = q.get("redirect_uri") ?? "";
  const client = oauthStore(ctx).clients.find((c) => c.platform === platform && c.clientId === clientId);
  if (!client) return page(ctx, 400, "Something went wrong", "<p>The app's client id is not known.</p>");
  if (!client.redirectUris.includes(redirectUri))
    return page(ctx, 400, "Something went wrong", "<p>The redirect_uri does not match the app's settings.</p>");
  const back = (params: Record<string, string>) => {
    const u = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    const state = q.get("state");
    if (state) u.searchParams.set("state", state);
    return u.toString();
  };
  if (q.get("response_type") !== "code")
    return redirect(ctx, back({ error: "unsupported_response_type", error_description: "response_type must be code" }));
  const challenge = q.get("code_challenge");
  if (opts.pkce === "required" && (!challenge || q.get("code_challenge_method") !== "S256"))
    return redirect(ctx, back({ error: "invalid_request", error_description: "code_challenge with S256 is required" }));
  const hidden = [...q.entries()]
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join("");
  const accounts = oauthStore(ctx).accounts.filter((a) => a.platform === platform);
  const choices = accounts
    .map(
      (a, i) =>
        `<label><input type="radio" name="account" value="${escape(a.id)}"${i === 0 ? " checked" : ""}> ` +
        `${escape(a.name)} (@${escape(a.username)})</label><br>`,
    )
    .join("");
  page(
    ctx,
    200,
    `Authorize ${client.name} to use your account?`,
    `<form method="post" action="${escape(ctx.base)}${escape(ctx.path)}">${hidden}` +
      `<fieldset><legend>Account</legend>${choices}</fieldset>` +
      `<p>Scopes: ${escape(q.get("scope") ?? "")}</p>` +
      `<button type="submit" name="decision" value="allow">Authorize app</button> ` +
      `<button type="submit" name="decision" value="deny">Cancel</button></form>`,
  );
}

/** POST from the consent page: a code for the picked account, or access_denied. */
export function authorizeDecision(ctx: Ctx, platform: EmulatedPlatform, clientParam = "client_id"): void {
  ctx.state.hit(`${platform} POST /oauth/authorize`);
  const p = ctx.params;
  const clientId = p.get(clientParam) ?? "";
  const redirectUri = p.get("redirect_uri") ?? "";
  const client = oauthStore(ctx).clients.find((c) => c.platform === platform && c.clientId === clientId);
  if (!client || !client.redirectUris.includes(redirectUri))
    return page(ctx, 400, "Something went wrong", "<p>The redirect_uri does not match the app's settings.</p>");
  const u = new URL(redirectUri);
  const state = p.get("state");
  if (state) u.searchParams.set("state", state);
  if (p.get("decision") !== "allow") {
    u.searchParams.set("error", "access_denied");
    u.searchParams.set("error_description", "The user denied the request");
    return redirect(ctx, u.toString());
  }
  const account = oauthStore(ctx).accounts.find((a) => a.platform === platform && a.id === p.get("account"));
  if (!account) return page(ctx, 400, "Something went wrong", "<p>Pick an account.</p>");
  const code = randomBytes(24).toString("base64url");
  oauthStore(ctx).grants.set(code, {
    platform,
    clientId,
    redirectUri,
    scope: p.get("scope") ?? "",
    account,
    codeChallenge: p.get("code_challenge") ?? null,
    offline: p.get("access_type") === "offline",
    expiresAt: ctx.state.now() + CODE_LIFETIME_MS,
    used: false,
  });
  u.searchParams.set("code", code);
  redirect(ctx, u.toString());
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The client's credentials: HTTP Basic, or client_id (and client_secret) in the form. */
function clientAuth(ctx: Ctx, clientParam: string): { clientId: string; clientSecret: string | null } {
  const basic = /^Basic\s+(.+)$/i.exec(String(ctx.headers.authorization ?? ""))?.[1];
  if (basic) {
    const [id, ...rest] = Buffer.from(basic, "base64").toString("utf8").split(":");
    return { clientId: decodeURIComponent(id ?? ""), clientSecret: decodeURIComponent(rest.join(":")) };
  }
  return { clientId: ctx.params.get(clientParam) ?? "", clientSecret: ctx.params.get("client_secret") ?? null };
}

/** The registered client whose secret this request carries, or null (a bad client). */
export function authenticatedClient(
  ctx: Ctx,
  platform: EmulatedPlatform,
  clientParam = "client_id",
): OauthClient | null {
  const { clientId, clientSecret } = clientAuth(ctx, clientParam);
  const client = oauthStore(ctx).clients.find((c) => c.platform === platform && c.clientId === clientId);
  return client && clientSecret !== null && sameSecret(clientSecret, client.clientSecret) ? client : null;
}

type CodeExchange =
  | { ok: true; account: OauthAccount; scope: string; offline: boolean; clientId: string }
  | { ok: false; status: number; error: string; description: string };

/**
 * The authorization_code grant: the client and its secret, the exact redirect URI, the code once and in
 * time, and the PKCE verifier against the challenge.
 */
export function exchangeCode(ctx: Ctx, platform: EmulatedPlatform, clientParam = "client_id"): CodeExchange {
  const { clientId, clientSecret } = clientAuth(ctx, clientParam);
  const client = oauthStore(ctx).clients.find((c) => c.platform === platform && c.clientId === clientId);
  if (!client || clientSecret === null || !sameSecret(clientSecret, client.clientSecret))
    return { ok: false, status: 401, error: "unauthorized_client", description: "Missing valid authorization header" };
  const code = ctx.params.get("code") ?? "";
  const grant = oauthStore(ctx).grants.get(code);
  if (!grant || grant.platform !== platform || grant.clientId !== clientId)
    return {
      ok: false,
      status: 400,
      error: "invalid_request",
      description: "Value passed for the authorization code was invalid.",
    };
  if (grant.used || grant.expiresAt < ctx.state.now()) {
    grant.used = true;
    return {
      ok: false,
      status: 400,
      error: "invalid_grant",
      description: "The authorization code is invalid or expired.",
    };
  }
  grant.used = true;
  if ((ctx.params.get("redirect_uri") ?? "") !== grant.redirectUri)
    return { ok: false, status: 400, error: "invalid_grant", description: "redirect_uri does not match." };
  if (grant.codeChallenge !== null) {
    const verifier = ctx.params.get("code_verifier") ?? "";
    const computed = createHash("sha256").update(verifier).digest("base64url");
    if (!verifier || computed !== grant.codeChallenge)
      return { ok: false, status: 400, error: "invalid_grant", description: "code_verifier does not match." };
  }
  return { ok: true, account: grant.account, scope: grant.scope, offline: grant.offline, clientId };
}

/** A refresh token handed out by a code grant belongs to that client (kept across rotations). */
export function bindRefreshToken(ctx: Ctx, platform: EmulatedPlatform, token: string, clientId: string): void {
  oauthStore(ctx).refreshClients.set(`${platform}:${token}`, clientId);
}

/**
 * The refresh_token grant's client check, for X and Google (docs/platforms.md "Connecting"): a refresh token
 * from a code grant is accepted only from the client it was issued to, authenticated with its secret. X wants
 * a confidential client's credentials in HTTP Basic ("If you are working with confidential clients, you will
 * need to use a basic authentication scheme ... while making requests to the token endpoints", X's OAuth 2.0
 * Authorization Code Flow with PKCE guide); Google's refresh request carries `client_id` and `client_secret`
 * (its OAuth 2.0 for web server applications guide, "Refreshing an access token"). Tokens a test seeded (no
 * code grant) are not bound to any client and are taken as before. Says whether to go on, with the bound client id (null for an unbound token).
 */
export function refreshClientCheck(
  ctx: Ctx,
  platform: EmulatedPlatform,
  token: string,
  opts: { basicOnly?: boolean; clientParam?: string } = {},
): { ok: true; clientId: string | null } | { ok: false } {
  const bound = oauthStore(ctx).refreshClients.get(`${platform}:${token}`);
  if (!bound) return { ok: true, clientId: null };
  if (opts.basicOnly && !/^Basic\s+/i.test(String(ctx.headers.authorization ?? ""))) return { ok: false };
  const client = authenticatedClient(ctx, platform, opts.clientParam);
  return client && client.clientId === bound ? { ok: true, clientId: bound } : { ok: false };
}

import { z } from "zod";
import { form, http, joinUrl, parse } from "@/platforms/http";
import type { TokenSet } from "@/platforms/types";

// Connecting an account the way its platform wants (docs/platforms.md "Connecting"): where to send the
// person to authorize Siar, and how the code that comes back becomes tokens and an identity. Adapters
// publish with what this returns; the use-cases in src/server/accounts/connect decide what is stored.

export type ConnectConfig = {
  /** The platform's API host (identity; X's token endpoint too). */
  apiBaseUrl: string;
  /** The token endpoint's host where it differs from the API host (Google). */
  tokenBaseUrl?: string;
  /** The page the person is sent to (x.com/i/oauth2/authorize and the like). */
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  /** Exactly as registered with the platform. */
  redirectUri: string;
  timeoutMs: number;
};

export type ConnectedAccount = {
  platformAccountId: string;
  handle: string;
  displayName: string;
  tokens: TokenSet;
};

export type ConnectOutcome =
  | { kind: "connected"; accounts: ConnectedAccount[] }
  /**
   * The person authorized an account that cannot publish here (no YouTube channel, a personal profile), or
   * withheld the permission to publish (`scopesMissing`).
   */
  | { kind: "wrong_account"; message: string; reason?: "scopesMissing" }
  /** The platform refused the code or the token, or answered what we cannot read. */
  | { kind: "failed"; message: string };

export interface AccountConnector {
  /** PKCE (S256) is sent and its verifier kept for the exchange. */
  readonly pkce: boolean;
  authorizeUrl(p: { state: string; codeChallenge: string | null }): string;
  complete(p: { code: string; codeVerifier: string | null }): Promise<ConnectOutcome>;
}

/** X: OAuth 2.0 authorization code with PKCE; scopes to post, upload media, read, and refresh offline. */
const X_SCOPES = ["tweet.read", "tweet.write", "users.read", "media.write", "offline.access"];

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().optional(),
  refresh_expires_in: z.coerce.number().optional(),
});
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });
const xMe = z.object({ data: z.object({ id: z.string(), username: z.string(), name: z.string() }) });

const inSeconds = (s: number | undefined, now: number) => (s === undefined ? null : new Date(now + s * 1000));

/**
 * The authorization page's address: `cfg.authorizeUrl` with the platform's query parameters (a null value is
 * left out) and, where PKCE is used, the S256 challenge.
 */
export function authorizeUrlOf(
  base: string,
  params: Record<string, string | null>,
  codeChallenge: string | null = null,
): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  if (codeChallenge) {
    u.searchParams.set("code_challenge", codeChallenge);
    u.searchParams.set("code_challenge_method", "S256");
  }
  return u.toString();
}

function refusal(status: number, body: unknown): string {
  const e = parse(oauthError, body);
  return e ? (e.error_description ?? e.error) : `HTTP ${status}`;
}

export function xConnector(cfg: ConnectConfig): AccountConnector {
  return {
    pkce: true,
    authorizeUrl({ state, codeChallenge }) {
      const { clientId, redirectUri } = cfg;
      const params = { response_type: "code", client_id: clientId, redirect_uri: redirectUri, state };
      return authorizeUrlOf(cfg.authorizeUrl, { ...params, scope: X_SCOPES.join(" ") }, codeChallenge);
    },
    async complete({ code, codeVerifier }) {
      const now = Date.now();
      // A confidential client: the secret goes in HTTP Basic, the verifier and redirect URI in the form.
      const basic = Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`);
      const res = await http(
        joinUrl(cfg.apiBaseUrl, "/2/oauth2/token"),
        {
          method: "POST",
          headers: {
            Authorization: `Basic ${basic.toString("base64")}`,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: form({
            grant_type: "authorization_code",
            code,
            redirect_uri: cfg.redirectUri,
            code_verifier: codeVerifier ?? undefined,
            client_id: cfg.clientId,
          }),
        },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "failed", message: res.message };
      const tokens = res.status < 300 ? parse(tokenAnswer, res.body) : null;
      if (!tokens) return { kind: "failed", message: refusal(res.status, res.body) };
      const me = await http(
        joinUrl(cfg.apiBaseUrl, "/2/users/me"),
        { headers: { Authorization: `Bearer ${tokens.access_token}` } },
        cfg.timeoutMs,
      );
      if (me.kind === "network") return { kind: "failed", message: me.message };
      const user = me.status < 300 ? parse(xMe, me.body) : null;
      if (!user) return { kind: "failed", message: `X did not say who the account is (HTTP ${me.status})` };
      return {
        kind: "connected",
        accounts: [
          {
            platformAccountId: user.data.id,
            handle: user.data.username,
            displayName: user.data.name,
            tokens: {
              accessToken: tokens.access_token,
              refreshToken: tokens.refresh_token ?? null,
              expiresAt: inSeconds(tokens.expires_in, now),
              refreshExpiresAt: inSeconds(tokens.refresh_expires_in, now),
            },
          },
        ],
      };
    },
  };
}

/** YouTube: Google OAuth with offline access and consent (so a refresh token comes), PKCE; the channel from channels.list. */
const YOUTUBE_SCOPES = [
  "https://www.googleapis.com/auth/youtube.upload",
  "https://www.googleapis.com/auth/youtube.readonly",
  "https://www.googleapis.com/auth/youtube.force-ssl",
];

const channelList = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string(), customUrl: z.string().optional() }),
      }),
    )
    .default([]),
});

export function youtubeConnector(cfg: ConnectConfig): AccountConnector {
  return {
    pkce: true,
    authorizeUrl({ state, codeChallenge }) {
      const { clientId, redirectUri } = cfg;
      const params = { response_type: "code", client_id: clientId, redirect_uri: redirectUri, state };
      // Without offline access and a fresh consent Google gives no refresh token (or only the first time).
      const google = { scope: YOUTUBE_SCOPES.join(" "), access_type: "offline", prompt: "consent" };
      return authorizeUrlOf(cfg.authorizeUrl, { ...params, ...google }, codeChallenge);
    },
    async complete({ code, codeVerifier }) {
      const now = Date.now();
      const res = await http(
        joinUrl(cfg.tokenBaseUrl ?? "https://oauth2.googleapis.com", "/token"),
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form({
            grant_type: "authorization_code",
            code,
            redirect_uri: cfg.redirectUri,
            client_id: cfg.clientId,
            client_secret: cfg.clientSecret,
            code_verifier: codeVerifier ?? undefined,
          }),
        },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "failed", message: res.message };
      const tokens = res.status < 300 ? parse(tokenAnswer, res.body) : null;
      if (!tokens) return { kind: "failed", message: refusal(res.status, res.body) };
      const list = await http(
        joinUrl(cfg.apiBaseUrl, "/youtube/v3/channels?part=snippet&mine=true"),
        { headers: { Authorization: `Bearer ${tokens.access_token}` } },
        cfg.timeoutMs,
      );
      if (list.kind === "network") return { kind: "failed", message: list.message };
      const found = list.status < 300 ? parse(channelList, list.body) : null;
      if (!found) return { kind: "failed", message: `YouTube did not list the channel (HTTP ${list.status})` };
      if (found.items.length === 0)
        return { kind: "wrong_account", message: "This Google account has no YouTube channel" };
      const token: TokenSet = {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        expiresAt: inSeconds(tokens.expires_in, now),
        refreshExpiresAt: null,
      };
      return {
        kind: "connected",
        accounts: found.items.map((c) => ({
          platformAccountId: c.id,
          // The channel's @handle where it has one, else its id.
          handle: (c.snippet.customUrl ?? c.id).replace(/^@/, "").toLowerCase(),
          displayName: c.snippet.title,
          tokens: token,
        })),
      };
    },
  };
}

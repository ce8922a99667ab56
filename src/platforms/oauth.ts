import { z } from "zod";
import { http, parse } from "@/platforms/http";
import type { AdapterConfig, Credentials, RefreshOutcome } from "@/platforms/types";

// The OAuth 2.0 refresh_token grant as X, Google and TikTok speak it. X and TikTok rotate refresh
// tokens, so the answer's refresh token (when present) replaces the stored one.

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().optional(),
  refresh_expires_in: z.coerce.number().optional(),
});

const inSeconds = (s: number | undefined) => (s === undefined ? null : new Date(Date.now() + s * 1000));

export async function refreshWithForm(
  cfg: AdapterConfig,
  url: string,
  credentials: Credentials,
  body: URLSearchParams,
): Promise<RefreshOutcome> {
  if (!credentials.refreshToken) return { kind: "reconnect", message: "No refresh token is stored for this account" };
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  // X confidential clients authenticate with Basic; public PKCE clients send client_id in the body.
  if (cfg.clientId && cfg.clientSecret && !body.has("client_secret") && !body.has("client_key")) {
    headers.Authorization = `Basic ${Buffer.from(`${cfg.clientId}:${cfg.clientSecret}`).toString("base64")}`;
  }
  const res = await http(url, { method: "POST", headers, body }, cfg.timeoutMs);
  if (res.kind === "network") return { kind: "transient", message: res.message };
  if (res.status >= 500 || res.status === 429)
    return { kind: "transient", message: `Token refresh failed with HTTP ${res.status}` };
  const ok = res.status < 300 ? parse(tokenAnswer, res.body) : null;
  // TikTok answers 200 with an error object instead of tokens, so a missing token means refusal too.
  if (!ok) return { kind: "reconnect", message: refusal(res.body) ?? `Token refresh refused (HTTP ${res.status})` };
  return {
    kind: "refreshed",
    tokens: {
      accessToken: ok.access_token,
      refreshToken: ok.refresh_token ?? credentials.refreshToken,
      expiresAt: inSeconds(ok.expires_in),
      refreshExpiresAt: inSeconds(ok.refresh_expires_in),
    },
  };
}

const refusalShape = z.object({
  error: z.union([z.string(), z.object({ message: z.string() })]).optional(),
  error_description: z.string().optional(),
});

function refusal(body: unknown): string | undefined {
  const r = parse(refusalShape, body);
  if (!r) return undefined;
  if (r.error_description) return r.error_description;
  return typeof r.error === "string" ? r.error : r.error?.message;
}

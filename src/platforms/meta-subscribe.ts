import { z } from "zod";
import { form, http, joinUrl, parse } from "@/platforms/http";
import { classifyGraph, GRAPH_VERSION } from "@/platforms/meta";

// Meta sends a Page's or an Instagram account's webhooks only once the app is installed on it
// (docs/platforms.md "Webhooks", "Subscribing each account"): POST /{page-id}/subscribed_apps with the Page token
// (pages_manage_metadata) for the Page fields, POST /{ig-user-id}/subscribed_apps with the Instagram user token on
// graph.instagram.com, where one field turns on every Instagram field the app subscribes to in its dashboard. Both
// answer { success: true }. Only the fields Siar reads: Page `feed` (comments), Instagram `comments` (comments and,
// through the app's fields, mentions). Messenger and Instagram direct messages are not subscribed: Siar does not
// answer them and asks for no messaging permission.

const SUBSCRIBED_FIELDS = { FACEBOOK_PAGE: ["feed"], INSTAGRAM: ["comments"] } as const;

export type SubscribeOutcome =
  | { kind: "subscribed" }
  /** Worth asking again later (throttled, a server error, no answer). */
  | { kind: "retry"; message: string }
  /** The token is no longer valid: the account needs a person to reconnect it. */
  | { kind: "auth"; message: string }
  /** Refused for good (a permission missing, the object not this token's). */
  | { kind: "refused"; message: string };

const success = z.object({ success: z.literal(true) });

export async function subscribeAppToAccount(
  cfg: { baseUrl: string; timeoutMs: number },
  platform: "FACEBOOK_PAGE" | "INSTAGRAM",
  platformAccountId: string,
  accessToken: string,
): Promise<SubscribeOutcome> {
  const res = await http(
    joinUrl(cfg.baseUrl, `/${GRAPH_VERSION}/${encodeURIComponent(platformAccountId)}/subscribed_apps`),
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ subscribed_fields: SUBSCRIBED_FIELDS[platform].join(","), access_token: accessToken }),
    },
    cfg.timeoutMs,
  );
  if (res.kind === "network") return { kind: "retry", message: res.message };
  if (res.status < 300) {
    return parse(success, res.body)
      ? { kind: "subscribed" }
      : { kind: "retry", message: "Meta answered the subscription without success: true" };
  }
  const outcome = classifyGraph(res);
  if (outcome.kind === "rate_limited" || outcome.kind === "transient")
    return { kind: "retry", message: outcome.message };
  if (outcome.kind === "auth") return { kind: "auth", message: outcome.message };
  return { kind: "refused", message: "message" in outcome ? outcome.message : `HTTP ${res.status}` };
}

import type { Ctx } from "@/emulator/context";
import { grantedScope } from "@/emulator/connect-servers";
import { oauthStore } from "@/emulator/oauth";
import { graphError, graphToken, rejectToken } from "@/emulator/platforms/graph";
import type { EmulatorState } from "@/emulator/state";

// The app's installation on a Page or an Instagram account, without which Meta sends none of its webhooks
// (developers.facebook.com/docs/graph-api/reference/page/subscribed_apps; Instagram API with Instagram Login,
// "Webhooks", enable subscriptions). POST /{id}/subscribed_apps with `subscribed_fields` (comma-separated) and
// the Page's or the Instagram user's own token: { success: true }; GET lists what is subscribed. Stricter than
// Meta where unsure: only the fields listed here are known, each needs its permission (for tokens issued through a
// consent page; the demo's hold every permission), and the token must be that account's.

const PAGE_FIELDS: Record<string, string> = {
  feed: "pages_manage_metadata",
  mention: "pages_manage_metadata",
  messages: "pages_messaging",
  messaging_postbacks: "pages_messaging",
  message_echoes: "pages_messaging",
};
const INSTAGRAM_FIELDS: Record<string, string> = {
  comments: "instagram_business_manage_comments",
  live_comments: "instagram_business_manage_comments",
  mentions: "instagram_business_manage_comments",
  messages: "instagram_business_manage_messages",
  message_reactions: "instagram_business_manage_messages",
  messaging_seen: "instagram_business_manage_messages",
};

function lacks(ctx: Ctx, token: string, permission: string): boolean {
  const scope = grantedScope(ctx, token);
  return scope !== null && !scope.split(/[,\s]+/).includes(permission);
}

/** Handles /{id}/subscribed_apps on the Facebook or Instagram Graph host; false for any other path. */
export function handleSubscribedApps(ctx: Ctx, id: string): boolean {
  const facebook = ctx.platform === "facebook";
  if (rejectToken(ctx, ctx.platform, null)) return true;
  const token = graphToken(ctx);
  const owner = ctx.state.accountOfToken(ctx.platform, token);
  const account = !facebook && id === "me" ? owner : id;
  if (owner !== account) {
    ctx.send(
      400,
      facebook
        ? graphError("(#210) A page access token is required to request this resource.", 210)
        : graphError(
            `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
            100,
            33,
            "GraphMethodException",
          ),
    );
    return true;
  }
  const key = `${ctx.platform}:${account}`;
  if (ctx.method === "GET") {
    const fields = [...(ctx.state.webhookSubscriptions.get(key) ?? [])];
    ctx.send(200, { data: fields.length ? [{ id: "siar-app", name: "Siar", subscribed_fields: fields }] : [] });
    return true;
  }
  if (ctx.method !== "POST") return false;
  if (facebook && lacks(ctx, token, "pages_manage_metadata")) {
    ctx.send(403, graphError("(#200) Requires pages_manage_metadata permission to manage the object", 200));
    return true;
  }
  const known = facebook ? PAGE_FIELDS : INSTAGRAM_FIELDS;
  const fields = (ctx.params.get("subscribed_fields") ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length === 0) {
    ctx.send(400, graphError("(#100) The parameter subscribed_fields is required", 100, undefined, "OAuthException"));
    return true;
  }
  for (const [i, field] of fields.entries()) {
    const permission = known[field];
    if (!permission) {
      ctx.send(
        400,
        graphError(
          `(#100) Param subscribed_fields[${i}] must be one of {${Object.keys(known).join(", ")}} - got "${field}"`,
          100,
        ),
      );
      return true;
    }
    if (lacks(ctx, token, permission)) {
      ctx.send(
        403,
        graphError(`(#200) To subscribe to the ${field} field, one of these permissions is needed: ${permission}`, 200),
      );
      return true;
    }
  }
  const held = ctx.state.webhookSubscriptions.get(key) ?? new Set<string>();
  for (const f of fields) held.add(f);
  ctx.state.webhookSubscriptions.set(key, held);
  ctx.state.hit(`${ctx.platform} POST /subscribed_apps`);
  ctx.send(200, { success: true });
  return true;
}

/**
 * Whether Meta would push this webhook for the account: a Page field needs the Page subscribed to it; on Instagram
 * any subscribed field turns on the app's fields. Only for accounts a person connected through the emulator's
 * consent pages, whose installation Siar must make; the demo's accounts (seeded, never connected here) stand for
 * installations made before and always receive.
 */
export function metaWebhookSubscribed(
  state: EmulatorState,
  platform: "facebook" | "instagram",
  account: string,
  field: string,
): boolean {
  const accounts = oauthStore({ state }).accounts;
  const connectedHere =
    platform === "instagram"
      ? accounts.some((a) => a.platform === "instagram" && a.id === account)
      : accounts.some((a) => a.platform === "facebook" && (a.pages ?? []).some((p) => p.id === account));
  if (!connectedHere) return true;
  const held = state.webhookSubscriptions.get(`${platform}:${account}`);
  return platform === "instagram" ? (held?.size ?? 0) > 0 : (held?.has(field) ?? false);
}

import { z } from "zod";
import { GRAPH_VERSION, classifyGraph } from "@/platforms/meta";
import { answerOnPublish, form, http, joinUrl, networkOnPublish, parse } from "@/platforms/http";
import type { ReplyAdapter, ReplyRequest } from "@/platforms/reply/types";
import type { AdapterConfig } from "@/platforms/types";

// Facebook and Instagram replies on the Graph API (docs/platforms.md "Public replies"): Facebook
// POST /{comment-id}/comments (Page token, pages_manage_engagement), Instagram POST /{ig-comment-id}/replies
// (instagram_business_manage_comments); a mention of the Instagram account on another user's media through
// POST /{ig-user-id}/mentions with media_id (and comment_id when the mention is in a comment), since the
// comment edges refuse media the account does not own. All take `message` and answer { id }. Neither has an idempotency key;
// an unanswered reply is checked by reading the replies under the comment for the account's own with our text.

const created = z.object({ id: z.string().min(1) });
const listed = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().optional(),
      text: z.string().optional(),
      from: z.object({ id: z.string() }).optional(),
    }),
  ),
});

export function graphReply(cfg: AdapterConfig, platform: "FACEBOOK_PAGE" | "INSTAGRAM"): ReplyAdapter {
  const api = (path: string) => joinUrl(cfg.baseUrl, `/${GRAPH_VERSION}${path}`);
  const edge = platform === "FACEBOOK_PAGE" ? "comments" : "replies";
  const name = platform === "FACEBOOK_PAGE" ? "Facebook" : "Instagram";
  // A reply goes under the top-level comment: Instagram adds a reply to a reply there anyway, and Facebook
  // threads one level deep.
  const commentOf = (req: ReplyRequest) => encodeURIComponent(req.target.parentCommentId ?? req.target.externalId);
  const urlOf = (req: ReplyRequest, id: string) =>
    platform === "FACEBOOK_PAGE" ? `https://www.facebook.com/${encodeURIComponent(id)}` : null;

  return {
    async send(req) {
      if (req.target.kind === "MESSAGE")
        return { kind: "permanent", message: `${name} direct messages are not answered through Siar` };
      const mention = platform === "INSTAGRAM" && req.target.kind === "MENTION" ? req.target.mention : null;
      if (platform === "INSTAGRAM" && req.target.kind === "MENTION" && !mention)
        return { kind: "permanent", message: "Instagram did not say which media this mention was made on" };
      const res = await http(
        mention
          ? api(`/${encodeURIComponent(req.account.platformAccountId)}/mentions`)
          : api(`/${commentOf(req)}/${edge}`),
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: form({
            ...(mention
              ? {
                  media_id: mention.mediaId,
                  ...(mention.in === "comment" ? { comment_id: req.target.externalId } : {}),
                }
              : {}),
            message: req.text,
            access_token: req.credentials.accessToken,
          }),
        },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return networkOnPublish(res, {});
      if (res.status >= 300) return answerOnPublish(classifyGraph(res, cfg.rateLimitFallbackMs), {});
      const ok = parse(created, res.body);
      if (!ok)
        return { kind: "unknown", message: `${name} accepted the reply but its answer could not be read`, state: {} };
      return { kind: "published", platformPostId: ok.id, url: urlOf(req, ok.id) };
    },

    async check(req) {
      // An answer to a mention sits on another user's media, which the account cannot list: a person checks.
      if (platform === "INSTAGRAM" && req.target.kind === "MENTION") return { kind: "unsupported" };
      const res = await http(
        api(`/${commentOf(req)}/${edge}?${form({ access_token: req.credentials.accessToken }).toString()}`),
        {},
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "pending", message: res.message };
      if (res.status >= 300) {
        const refused = classifyGraph(res, cfg.rateLimitFallbackMs);
        return { kind: "pending", message: "message" in refused ? refused.message : `HTTP ${res.status}` };
      }
      const list = parse(listed, res.body);
      if (!list) return { kind: "pending", message: `${name}'s list of replies could not be read` };
      const mine = list.data.find(
        (r) => r.from?.id === req.account.platformAccountId && (r.message ?? r.text) === req.text,
      );
      return mine
        ? { kind: "published", platformPostId: mine.id, url: urlOf(req, mine.id) }
        : { kind: "absent", state: {} };
    },
  };
}

import { z } from "zod";
import { answerOnPublish, http, joinUrl, networkOnPublish, parse } from "@/platforms/http";
import type { ReplyAdapter, ReplyRequest } from "@/platforms/reply/types";
import type { AdapterConfig } from "@/platforms/types";
import { classifyGoogle } from "@/platforms/youtube";

// YouTube: comments.insert (POST /youtube/v3/comments?part=snippet) with snippet.parentId and
// snippet.textOriginal, scope youtube.force-ssl (docs/platforms.md "Public replies"). Replies nest one level:
// the parent is the top-level comment. An unanswered insert is checked with comments.list?parentId=….

const comment = z.object({
  id: z.string(),
  snippet: z
    .object({ textOriginal: z.string().optional(), authorChannelId: z.object({ value: z.string() }).optional() })
    .optional(),
});
const list = z.object({ items: z.array(comment) });

export function youtubeReply(cfg: AdapterConfig): ReplyAdapter {
  const parentOf = (req: ReplyRequest) => req.target.parentCommentId ?? req.target.externalId;
  const auth = (req: ReplyRequest) => ({ Authorization: `Bearer ${req.credentials.accessToken}` });
  return {
    async send(req) {
      const res = await http(
        joinUrl(cfg.baseUrl, "/youtube/v3/comments?part=snippet"),
        {
          method: "POST",
          headers: { ...auth(req), "Content-Type": "application/json" },
          body: JSON.stringify({ snippet: { parentId: parentOf(req), textOriginal: req.text } }),
        },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return networkOnPublish(res, {});
      if (res.status >= 300) return answerOnPublish(classifyGoogle(res, cfg.rateLimitFallbackMs), {});
      const ok = parse(comment, res.body);
      if (!ok)
        return { kind: "unknown", message: "YouTube accepted the reply but its answer could not be read", state: {} };
      return { kind: "published", platformPostId: ok.id, url: null };
    },

    async check(req) {
      const q = new URLSearchParams({ part: "snippet", parentId: parentOf(req), maxResults: "100" });
      const res = await http(joinUrl(cfg.baseUrl, `/youtube/v3/comments?${q}`), { headers: auth(req) }, cfg.timeoutMs);
      if (res.kind === "network") return { kind: "pending", message: res.message };
      if (res.status >= 300) return { kind: "pending", message: `HTTP ${res.status}` };
      const items = parse(list, res.body)?.items;
      if (!items) return { kind: "pending", message: "YouTube's list of replies could not be read" };
      const mine = items.find(
        (c) =>
          c.snippet?.authorChannelId?.value === req.account.platformAccountId && c.snippet.textOriginal === req.text,
      );
      return mine ? { kind: "published", platformPostId: mine.id, url: null } : { kind: "absent", state: {} };
    },
  };
}

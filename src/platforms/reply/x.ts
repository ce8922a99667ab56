import { z } from "zod";
import { answerOnPublish, http, joinUrl, networkOnPublish, parse } from "@/platforms/http";
import type { ReplyAdapter } from "@/platforms/reply/types";
import type { AdapterConfig } from "@/platforms/types";
import { classifyX } from "@/platforms/x";

// X: a reply is a post with `reply.in_reply_to_tweet_id` (POST /2/tweets, X's openapi.json TweetCreateRequest;
// docs/platforms.md "Public replies"). X has no idempotency key and no lookup by what we sent, so an
// unanswered reply stays UNCONFIRMED for a person to check, as a post does.

const created = z.object({ data: z.object({ id: z.string() }) });

export function xReply(cfg: AdapterConfig): ReplyAdapter {
  return {
    async send(req) {
      const res = await http(
        joinUrl(cfg.baseUrl, "/2/tweets"),
        {
          method: "POST",
          headers: { Authorization: `Bearer ${req.credentials.accessToken}`, "Content-Type": "application/json" },
          body: JSON.stringify({ text: req.text, reply: { in_reply_to_tweet_id: req.target.externalId } }),
        },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return networkOnPublish(res, {});
      if (res.status >= 300) return answerOnPublish(classifyX(res), {});
      const ok = parse(created, res.body);
      if (!ok) return { kind: "unknown", message: "X accepted the reply but its answer could not be read", state: {} };
      return {
        kind: "published",
        platformPostId: ok.data.id,
        url: `https://x.com/${req.account.handle}/status/${ok.data.id}`,
      };
    },
    check: async () => ({ kind: "unsupported" }),
  };
}

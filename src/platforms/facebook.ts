import { z } from "zod";
import { checkRules } from "@/platforms/rules";
import { answerOnPublish, form, http, joinUrl, networkOnPublish, networkTransient, parse } from "@/platforms/http";
import { classifyGraph, GRAPH_VERSION } from "@/platforms/meta";
import type { AdapterConfig, PlatformAdapter, PostMetrics, PublishOutcome, PublishRequest } from "@/platforms/types";

// Facebook Page posts through the Graph API (docs/platforms.md "Facebook Page"). Page tokens taken from a
// long-lived user token do not expire and cannot be refreshed: a rejected token means reconnecting.

const idAnswer = z.object({ id: z.string(), post_id: z.string().optional() });
const total = z
  .object({ summary: z.object({ total_count: z.number() }) })
  .optional()
  .catch(undefined);
const metricsAnswer = z.object({
  id: z.string(),
  reactions: total,
  likes: total,
  comments: total,
  shares: z.object({ count: z.number() }).optional().catch(undefined),
});
const fieldError = z.object({ error: z.object({ code: z.literal(100), message: z.string() }) });

/**
 * A Page post's id is "{page-id}_{post-id}"; a video (published through /videos) is read by its own id, and a
 * Video node has no `shares` and no `reactions` summary: it is asked for what it has (docs/platforms.md).
 */
const POST_FIELDS = "reactions.summary(total_count),comments.summary(true),shares";
const VIDEO_FIELDS = "likes.summary(true),comments.summary(true)";
const isPagePost = (id: string) => id.includes("_");

/** Videos go to graph-video.facebook.com in production; any other base (the emulator) serves both. */
export function videoBase(base: string): string {
  return base.replace("://graph.facebook.com", "://graph-video.facebook.com");
}

export function facebookAdapter(cfg: AdapterConfig): PlatformAdapter {
  const api = (path: string) => joinUrl(cfg.baseUrl, `/${GRAPH_VERSION}${path}`);

  async function post(
    url: string,
    body: URLSearchParams,
    risky: boolean,
  ): Promise<{ id: string; postId: string } | PublishOutcome> {
    const res = await http(
      url,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body },
      cfg.timeoutMs,
    );
    if (res.kind === "network") return risky ? networkOnPublish(res, {}) : networkTransient(res);
    if (res.status >= 300) {
      const refused = classifyGraph(res, cfg.rateLimitFallbackMs);
      return risky ? answerOnPublish(refused, {}) : refused;
    }
    const ok = parse(idAnswer, res.body);
    if (!ok)
      return risky
        ? { kind: "unknown", message: "Facebook's answer could not be read", state: {} }
        : { kind: "transient", message: "Facebook's answer could not be read" };
    return { id: ok.id, postId: ok.post_id ?? ok.id };
  }

  return {
    platform: "FACEBOOK_PAGE",
    validate: (content) => checkRules("FACEBOOK_PAGE", content),

    async publish(req: PublishRequest): Promise<PublishOutcome> {
      const page = encodeURIComponent(req.account.platformAccountId);
      const token = req.credentials.accessToken;
      const { text, media } = req.content;
      let result: { id: string; postId: string } | PublishOutcome;
      const video = media.find((m) => m.kind === "VIDEO");
      if (video) {
        result = await post(
          joinUrl(videoBase(cfg.baseUrl), `/${GRAPH_VERSION}/${page}/videos`),
          form({ file_url: video.url, description: text, access_token: token }),
          true,
        );
      } else if (media.length === 1 && media[0]) {
        result = await post(
          api(`/${page}/photos`),
          form({
            url: media[0].url,
            message: text,
            alt_text_custom: media[0].altText ?? undefined,
            published: "true",
            access_token: token,
          }),
          true,
        );
      } else {
        // Several photos: upload each unpublished (harmless to repeat), then one feed post attaches them.
        const attached: string[] = [];
        for (const m of media) {
          const up = await post(
            api(`/${page}/photos`),
            form({ url: m.url, alt_text_custom: m.altText ?? undefined, published: "false", access_token: token }),
            false,
          );
          if ("kind" in up) return up;
          attached.push(up.id);
        }
        const body = form({ message: text, access_token: token });
        attached.forEach((id, i) => body.set(`attached_media[${i}]`, JSON.stringify({ media_fbid: id })));
        result = await post(api(`/${page}/feed`), body, true);
      }
      if ("kind" in result) return result;
      if (video)
        return {
          kind: "published",
          platformPostId: result.id,
          url: `https://www.facebook.com/${req.account.platformAccountId}/videos/${result.id}`,
        };
      return { kind: "published", platformPostId: result.postId, url: `https://www.facebook.com/${result.postId}` };
    },

    checkStatus: async () => ({ kind: "unsupported" }),

    async fetchMetrics(req) {
      const out: PostMetrics[] = [];
      for (const id of req.platformPostIds) {
        const fields = isPagePost(id) ? POST_FIELDS : VIDEO_FIELDS;
        const url = api(
          `/${encodeURIComponent(id)}?fields=${encodeURIComponent(fields)}&access_token=${encodeURIComponent(req.credentials.accessToken)}`,
        );
        const res = await http(url, {}, cfg.timeoutMs);
        if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
        if (res.status >= 300) {
          // A field the node does not have is our question's fault, not the post's: no reading this time,
          // and the post stays on the schedule (a permanent answer would stop asking about it for good).
          const badField = parse(fieldError, res.body)?.error.message.includes("nonexisting field") ?? false;
          if (badField) continue;
          const e = classifyGraph(res, cfg.rateLimitFallbackMs);
          if (e.kind !== "published" && e.kind !== "unknown") return { kind: "failed", error: e };
          continue;
        }
        const m = parse(metricsAnswer, res.body);
        if (m)
          out.push({
            platformPostId: id,
            views: null,
            likes: (m.reactions ?? m.likes)?.summary.total_count ?? null,
            comments: m.comments?.summary.total_count ?? null,
            shares: isPagePost(id) ? (m.shares?.count ?? 0) : null,
            saves: null,
            clicks: null,
          });
      }
      return { kind: "ok", metrics: out };
    },

    refreshToken: async () => ({
      kind: "reconnect",
      message: "Facebook Page tokens cannot be refreshed; connect the Page again",
    }),
  };
}

import { z } from "zod";
import { http, joinUrl, parse } from "@/platforms/http";
import type { InboxReader, ReadItem, ReaderConfig } from "@/platforms/inbox/types";
import { classifyGoogle } from "@/platforms/youtube";

// YouTube comments (docs/platforms.md "Reading citizens"): commentThreads.list with allThreadsRelatedToChannelId,
// order=time (newest first), part=snippet,replies. There is no "since": the cursor is the newest publishedAt
// stored, and pages are read until a thread older than it (at most MAX_PAGES pages of 100; one on a first poll).
// Each call costs one unit of the project's daily quota. Replies shown under a thread are stored too.

const MAX_PAGES = 3;

const comment = z.object({
  id: z.string().min(1),
  snippet: z.object({
    videoId: z.string().optional(),
    textOriginal: z.string().optional(),
    textDisplay: z.string().optional(),
    parentId: z.string().optional(),
    authorDisplayName: z.string().optional(),
    authorChannelId: z.object({ value: z.string() }).optional(),
    publishedAt: z.string(),
  }),
});
const list = z.object({
  nextPageToken: z.string().optional(),
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ videoId: z.string().optional(), topLevelComment: z.unknown() }),
        replies: z.object({ comments: z.array(z.unknown()).default([]) }).optional(),
      }),
    )
    .default([]),
});

function toItem(raw: unknown, videoId: string | null): ReadItem | null {
  const c = parse(comment, raw);
  if (!c || Number.isNaN(Date.parse(c.snippet.publishedAt))) return null;
  const handle = c.snippet.authorDisplayName?.replace(/^@/, "") ?? null;
  return {
    externalId: c.id,
    kind: "COMMENT",
    authorExternalId: c.snippet.authorChannelId?.value ?? null,
    authorHandle: handle,
    authorName: c.snippet.authorDisplayName ?? null,
    text: c.snippet.textOriginal ?? c.snippet.textDisplay ?? "",
    externalParentId: c.snippet.videoId ?? videoId,
    receivedAt: new Date(c.snippet.publishedAt),
    platformData: c.snippet.parentId ? { parentCommentId: c.snippet.parentId } : null,
  };
}

export function youtubeReader(cfg: ReaderConfig): InboxReader {
  return async (req) => {
    const since = req.cursor ? Date.parse(req.cursor) : null;
    const items: ReadItem[] = [];
    let newest = since;
    let pageToken: string | null = null;
    for (let n = 0; n < (since === null ? 1 : MAX_PAGES); n++) {
      if (!(await req.budget())) return { kind: "ok", items, cursor: req.cursor, limited: true };
      const q = new URLSearchParams({
        part: "snippet,replies",
        allThreadsRelatedToChannelId: req.account.platformAccountId,
        maxResults: "100",
        order: "time",
        textFormat: "plainText",
      });
      if (pageToken) q.set("pageToken", pageToken);
      const res = await http(
        joinUrl(cfg.baseUrl, `/youtube/v3/commentThreads?${q}`),
        { headers: { Authorization: `Bearer ${req.accessToken}` } },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
      if (res.status >= 300) {
        const outcome = classifyGoogle(res, cfg.rateLimitFallbackMs);
        if (outcome.kind === "published" || outcome.kind === "unknown") break;
        return { kind: "failed", error: outcome };
      }
      const page = parse(list, res.body);
      if (!page) return { kind: "failed", error: { kind: "transient", message: "YouTube's answer could not be read" } };
      let older = false;
      for (const thread of page.items) {
        const videoId = thread.snippet.videoId ?? null;
        for (const raw of [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])]) {
          const item = toItem(raw, videoId);
          // The channel's own comments (its replies) are not a citizen's.
          if (!item || item.authorExternalId === req.account.platformAccountId) continue;
          const at = item.receivedAt.getTime();
          if (since !== null && at <= since && raw === thread.snippet.topLevelComment) older = true;
          items.push(item);
          if (newest === null || at > newest) newest = at;
        }
      }
      pageToken = page.nextPageToken ?? null;
      if (older || !pageToken) break;
    }
    return { kind: "ok", items, cursor: newest === null ? null : new Date(newest).toISOString(), limited: false };
  };
}

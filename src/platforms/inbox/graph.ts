import { z } from "zod";
import { http, joinUrl, parse } from "@/platforms/http";
import type { InboxReader, ReadFailure, ReadItem, ReaderConfig } from "@/platforms/inbox/types";
import { classifyGraph, GRAPH_VERSION } from "@/platforms/meta";

// Facebook Page and Instagram comments read by polling, the fallback where Meta's webhooks are not configured
// (docs/platforms.md "Reading citizens"): GET /{object-id}/comments on each of the account's recent posts (the
// Graph API has no account-wide comment list). Facebook: filter=stream (replies too) and
// order=reverse_chronological; Instagram lists top-level comments, newest first. A post the platform no longer
// has (error 100) is skipped; a refusal of the token or a throttle stops the poll. The cursor is the newest
// comment time stored.

const PER_POST = 50;

const fbComment = z.object({
  id: z.string().min(1),
  message: z.string().default(""),
  created_time: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  parent: z.object({ id: z.string() }).optional(),
});
const igComment = z.object({
  id: z.string().min(1),
  text: z.string().default(""),
  timestamp: z.string(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  username: z.string().optional(),
  parent_id: z.string().optional(),
});
const list = z.object({ data: z.array(z.unknown()).default([]) });

/** Graph's "2026-12-02T10:00:00+0000" (no colon in the offset) as a Date. */
function graphTime(s: string): Date | null {
  const d = new Date(s.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function graphReader(cfg: ReaderConfig, platform: "facebook" | "instagram"): InboxReader {
  const query: Record<string, string> =
    platform === "facebook"
      ? { fields: "id,message,created_time,from,parent", filter: "stream", order: "reverse_chronological" }
      : { fields: "id,text,timestamp,from,username,parent_id" };
  return async (req) => {
    const items: ReadItem[] = [];
    let newest = req.cursor ? Date.parse(req.cursor) : null;
    let limited = false;
    for (const postId of req.recentPostIds) {
      if (!(await req.budget())) {
        limited = true;
        break;
      }
      const q = new URLSearchParams({ ...query, limit: String(PER_POST) });
      const res = await http(
        joinUrl(cfg.baseUrl, `/${GRAPH_VERSION}/${encodeURIComponent(postId)}/comments?${q}`),
        { headers: { Authorization: `Bearer ${req.accessToken}` } },
        cfg.timeoutMs,
      );
      if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
      if (res.status >= 300) {
        const outcome = classifyGraph(res, cfg.rateLimitFallbackMs);
        if (outcome.kind === "permanent") continue; // the post is gone or cannot be read: the others still can
        if (outcome.kind === "published" || outcome.kind === "unknown") continue;
        return { kind: "failed", error: outcome };
      }
      for (const raw of parse(list, res.body)?.data ?? []) {
        const item = platform === "facebook" ? fbItem(raw, postId) : igItem(raw, postId);
        // The account's own comments (its replies) are not a citizen's.
        if (!item || item.authorExternalId === req.account.platformAccountId) continue;
        items.push(item);
        const at = item.receivedAt.getTime();
        if (newest === null || at > newest) newest = at;
      }
    }
    return { kind: "ok", items, cursor: newest === null ? null : new Date(newest).toISOString(), limited };
  };
}

function fbItem(raw: unknown, postId: string): ReadItem | null {
  const c = parse(fbComment, raw);
  const at = c ? graphTime(c.created_time) : null;
  if (!c || !at) return null;
  return {
    externalId: c.id,
    kind: "COMMENT",
    authorExternalId: c.from?.id ?? null,
    authorHandle: null,
    authorName: c.from?.name ?? null,
    text: c.message,
    externalParentId: postId,
    receivedAt: at,
    platformData: c.parent ? { parentCommentId: c.parent.id } : null,
  };
}

function igItem(raw: unknown, postId: string): ReadItem | null {
  const c = parse(igComment, raw);
  const at = c ? graphTime(c.timestamp) : null;
  if (!c || !at) return null;
  return {
    externalId: c.id,
    kind: "COMMENT",
    authorExternalId: c.from?.id ?? null,
    authorHandle: c.from?.username ?? c.username ?? null,
    authorName: null,
    text: c.text,
    externalParentId: postId,
    receivedAt: at,
    platformData: c.parent_id ? { parentCommentId: c.parent_id } : null,
  };
}

/** An Instagram mention to read: the account's id, the media and (when a comment names the account) the comment. */
export type MentionLookupRequest = { igUserId: string; accessToken: string; mediaId: string; commentId: string | null };
export type MentionLookup = (
  req: MentionLookupRequest,
) => Promise<{ kind: "ok"; item: ReadItem } | { kind: "failed"; error: ReadFailure }>;

const mentionedComment = z.object({
  mentioned_comment: z.object({
    id: z.string().min(1),
    text: z.string().default(""),
    timestamp: z.string(),
    media: z.object({ id: z.string() }).optional(),
  }),
});
const mentionedMedia = z.object({
  mentioned_media: z.object({
    id: z.string().min(1),
    caption: z.string().default(""),
    timestamp: z.string(),
    username: z.string().optional(),
  }),
});

/**
 * Reads an Instagram mention's words (IG User reference, "Mentioned Comment" and "Mentioned Media"):
 * GET /{ig-user-id}?fields=mentioned_comment.comment_id({id}){id,text,timestamp,media} or
 * mentioned_media.media_id({id}){id,caption,timestamp,username}. The reference gives a mentioning comment no
 * author field, so its author stays unknown; a caption's author is the media's `username`.
 */
export function instagramMentionLookup(cfg: ReaderConfig): MentionLookup {
  return async (req) => {
    const fields = req.commentId
      ? `mentioned_comment.comment_id(${req.commentId}){id,text,timestamp,media}`
      : `mentioned_media.media_id(${req.mediaId}){id,caption,timestamp,username}`;
    const res = await http(
      joinUrl(cfg.baseUrl, `/${GRAPH_VERSION}/${encodeURIComponent(req.igUserId)}?${new URLSearchParams({ fields })}`),
      { headers: { Authorization: `Bearer ${req.accessToken}` } },
      cfg.timeoutMs,
    );
    if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
    if (res.status >= 300) {
      const outcome = classifyGraph(res, cfg.rateLimitFallbackMs);
      if (outcome.kind === "published" || outcome.kind === "unknown")
        return { kind: "failed", error: { kind: "transient", message: `HTTP ${res.status}` } };
      return { kind: "failed", error: outcome };
    }
    const unreadable = {
      kind: "failed",
      error: { kind: "transient", message: "Instagram's answer could not be read" },
    } as const;
    if (req.commentId) {
      const c = parse(mentionedComment, res.body)?.mentioned_comment;
      const at = c ? graphTime(c.timestamp) : null;
      if (!c || !at) return unreadable;
      return {
        kind: "ok",
        item: {
          externalId: c.id,
          kind: "MENTION",
          authorExternalId: null,
          authorHandle: null,
          authorName: null,
          text: c.text,
          externalParentId: c.media?.id ?? req.mediaId,
          receivedAt: at,
          platformData: { mentionIn: "comment", mediaId: c.media?.id ?? req.mediaId },
        },
      };
    }
    const m = parse(mentionedMedia, res.body)?.mentioned_media;
    const at = m ? graphTime(m.timestamp) : null;
    if (!m || !at) return unreadable;
    return {
      kind: "ok",
      item: {
        externalId: m.id,
        kind: "MENTION",
        authorExternalId: null,
        authorHandle: m.username ?? null,
        authorName: null,
        text: m.caption,
        externalParentId: null,
        receivedAt: at,
        platformData: { mentionIn: "caption", mediaId: m.id },
      },
    };
  };
}

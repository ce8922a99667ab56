import { z } from "zod";
import { http, joinUrl, parse } from "@/platforms/http";
import type { InboxReader, ReadItem, ReaderConfig } from "@/platforms/inbox/types";
import { classifyX } from "@/platforms/x";

// X mentions (docs/platforms.md "Reading citizens"): GET /2/users/:id/mentions, newest first, with since_id
// (exclusive) so a poll asks only for what came after the newest one it stored. Replies to the account's posts
// are mentions too; their parent is the post they answer (referenced replied_to). A first poll reads one page
// (no backfill of the account's history); later polls follow next_token up to MAX_PAGES pages.

const MAX_RESULTS = 100;
const MAX_PAGES = 5;
/** X's newest reference spells the parameters "post", the older one "tweet" (as the publishing adapter). */
type Spelling = "post" | "tweet";

const reference = z.object({ type: z.string(), id: z.string() });
const mention = z.object({
  id: z.string().regex(/^[0-9]{1,19}$/),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  referenced_posts: z.array(reference).optional(),
  referenced_tweets: z.array(reference).optional(),
});
const page = z.object({
  data: z.array(z.unknown()).default([]),
  includes: z
    .object({ users: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })).default([]) })
    .optional(),
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional() }).default({}),
});

const bigger = (a: string, b: string | null) => b === null || BigInt(a) > BigInt(b);

export function xReader(cfg: ReaderConfig): InboxReader {
  let spelling: Spelling = "post";
  const url = (userId: string, since: string | null, token: string | null) => {
    const q = new URLSearchParams({
      max_results: String(MAX_RESULTS),
      [`${spelling}.fields`]:
        spelling === "post" ? "created_at,conversation_id" : "created_at,author_id,referenced_tweets",
      expansions: spelling === "post" ? "author_id,referenced_posts" : "author_id,referenced_tweets.id",
      "user.fields": "username,name",
    });
    if (since) q.set("since_id", since);
    if (token) q.set("pagination_token", token);
    return joinUrl(cfg.baseUrl, `/2/users/${encodeURIComponent(userId)}/mentions?${q}`);
  };
  return async (req) => {
    const items: ReadItem[] = [];
    let newest = req.cursor;
    let token: string | null = null;
    for (let n = 0; n < (req.cursor ? MAX_PAGES : 1); n++) {
      // Out of calls: what was read is stored, and the cursor stays where it was so nothing in between is lost.
      if (!(await req.budget())) return { kind: "ok", items, cursor: req.cursor, limited: true };
      const ask = () =>
        http(
          url(req.account.platformAccountId, req.cursor, token),
          { headers: { Authorization: `Bearer ${req.accessToken}` } },
          cfg.timeoutMs,
        );
      let res = await ask();
      // X refuses a parameter it does not know (400 naming it): the other spelling, remembered.
      if (res.kind === "response" && res.status === 400 && res.text.includes(`[${spelling}.fields]`)) {
        spelling = spelling === "post" ? "tweet" : "post";
        res = await ask();
      }
      if (res.kind === "network") return { kind: "failed", error: { kind: "transient", message: res.message } };
      if (res.status >= 300) {
        const outcome = classifyX(res);
        if (outcome.kind === "published" || outcome.kind === "unknown") break;
        return { kind: "failed", error: outcome };
      }
      const p = parse(page, res.body);
      if (!p) return { kind: "failed", error: { kind: "transient", message: "X's mentions answer could not be read" } };
      const users = new Map((p.includes?.users ?? []).map((u) => [u.id, u]));
      for (const raw of p.data) {
        const m = parse(mention, raw);
        if (!m) continue;
        // The account's own posts that name it are not a citizen's.
        if (m.author_id === req.account.platformAccountId) continue;
        const author = m.author_id ? users.get(m.author_id) : undefined;
        const repliedTo = [...(m.referenced_posts ?? []), ...(m.referenced_tweets ?? [])].find(
          (r) => r.type === "replied_to",
        );
        items.push({
          externalId: m.id,
          kind: repliedTo ? "COMMENT" : "MENTION",
          authorExternalId: m.author_id ?? null,
          authorHandle: author?.username ?? null,
          authorName: author?.name ?? null,
          text: m.text,
          externalParentId: repliedTo?.id ?? null,
          receivedAt: m.created_at && !Number.isNaN(Date.parse(m.created_at)) ? new Date(m.created_at) : new Date(),
          platformData: null,
        });
        if (bigger(m.id, newest)) newest = m.id;
      }
      token = p.meta.next_token ?? null;
      if (!token) break;
    }
    return { kind: "ok", items, cursor: newest, limited: false };
  };
}

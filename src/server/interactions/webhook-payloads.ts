import "server-only";
import { z } from "zod";
import type { InteractionKind, Platform } from "@/generated/prisma/enums";
import { text as safeText } from "@/schemas/shared";

// The webhook bodies Siar reads, as the platforms document them (docs/platforms.md "Webhooks"), turned into
// one shape. Fields Siar does not use are let through; an event of a kind Siar does not store is skipped.

export type IncomingItem = {
  platform: Platform;
  /** The platform's id of the account that received it (LINE bot user id, Page id, Instagram user id). */
  accountPlatformId: string;
  externalId: string;
  kind: InteractionKind;
  authorExternalId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  text: string;
  externalParentId: string | null;
  receivedAt: Date;
  platformData: Record<string, string> | null;
};

// No NUL bytes or lone surrogates (PostgreSQL refuses them): such an event is skipped, not retried forever.
const id = safeText().min(1).max(200);
const text = safeText().max(20_000);

// LINE Messaging API webhook: { destination, events: [...] }; a text message event carries its id and a reply token.
const lineBody = z.object({
  destination: id,
  events: z.array(z.unknown()).max(1_000),
});
const lineTextMessage = z.object({
  type: z.literal("message"),
  timestamp: z.number().int().nonnegative(),
  replyToken: z.string().max(200).optional(),
  source: z.object({ type: z.string(), userId: id.optional() }),
  message: z.object({ type: z.literal("text"), id, text }),
});

export function lineItems(body: unknown): IncomingItem[] | null {
  const parsed = lineBody.safeParse(body);
  if (!parsed.success) return null;
  const items: IncomingItem[] = [];
  for (const raw of parsed.data.events) {
    const event = lineTextMessage.safeParse(raw);
    if (!event.success) continue; // follows, stickers, images, postbacks: not a citizen's text
    const e = event.data;
    items.push({
      platform: "LINE_OA",
      accountPlatformId: parsed.data.destination,
      externalId: e.message.id,
      kind: "MESSAGE",
      authorExternalId: e.source.userId ?? null,
      authorHandle: null,
      authorName: null,
      text: e.message.text,
      externalParentId: null,
      receivedAt: new Date(e.timestamp),
      // A reply token works once, within a minute; after that a reply goes by push to the user id.
      platformData: e.replyToken
        ? { replyToken: e.replyToken, replyTokenAt: new Date(e.timestamp).toISOString() }
        : null,
    });
  }
  return items;
}

// Meta webhooks: { object: "page" | "instagram", entry: [{ id, time, changes?: [...], messaging?: [...] }] }.
const metaBody = z.object({
  object: z.string().max(40),
  entry: z
    .array(
      z.object({
        id,
        time: z.number().optional(),
        changes: z
          .array(z.object({ field: z.string().max(60), value: z.unknown() }))
          .max(1_000)
          .optional(),
        messaging: z.array(z.unknown()).max(1_000).optional(),
      }),
    )
    .max(1_000),
});
const pageComment = z.object({
  item: z.literal("comment"),
  verb: z.literal("add"),
  comment_id: id,
  post_id: id.optional(),
  parent_id: id.optional(),
  message: text,
  from: z.object({ id, name: z.string().max(160).optional() }).optional(),
  created_time: z.number().optional(),
});
const igComment = z.object({
  id,
  text,
  from: z.object({ id, username: z.string().max(100).optional() }).optional(),
  media: z.object({ id }).optional(),
  parent_id: id.optional(),
});
const messagingEvent = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  timestamp: z.number(),
  message: z.object({ mid: id, text, is_echo: z.boolean().optional() }),
});

export function metaItems(body: unknown): IncomingItem[] | null {
  const parsed = metaBody.safeParse(body);
  if (!parsed.success) return null;
  const platform: Platform | null =
    parsed.data.object === "page" ? "FACEBOOK_PAGE" : parsed.data.object === "instagram" ? "INSTAGRAM" : null;
  if (!platform) return [];
  const items: IncomingItem[] = [];
  for (const entry of parsed.data.entry) {
    const at = new Date((entry.time ?? Date.now() / 1000) * (entry.time && entry.time > 1e12 ? 1 : 1000));
    for (const change of entry.changes ?? []) {
      if (platform === "FACEBOOK_PAGE" && change.field === "feed") {
        const c = pageComment.safeParse(change.value);
        // The Page's own comments come back as events too; they are not citizens'.
        if (!c.success || c.data.from?.id === entry.id) continue;
        items.push({
          platform,
          accountPlatformId: entry.id,
          externalId: c.data.comment_id,
          kind: "COMMENT",
          authorExternalId: c.data.from?.id ?? null,
          authorHandle: null,
          authorName: c.data.from?.name ?? null,
          text: c.data.message,
          externalParentId: c.data.post_id ?? null,
          receivedAt: c.data.created_time ? new Date(c.data.created_time * 1000) : at,
          platformData:
            c.data.parent_id && c.data.parent_id !== c.data.post_id ? { parentCommentId: c.data.parent_id } : null,
        });
      }
      if (platform === "INSTAGRAM" && change.field === "comments") {
        const c = igComment.safeParse(change.value);
        if (!c.success || c.data.from?.id === entry.id) continue;
        items.push({
          platform,
          accountPlatformId: entry.id,
          externalId: c.data.id,
          kind: "COMMENT",
          authorExternalId: c.data.from?.id ?? null,
          authorHandle: c.data.from?.username ?? null,
          authorName: null,
          text: c.data.text,
          externalParentId: c.data.media?.id ?? null,
          receivedAt: at,
          platformData: c.data.parent_id ? { parentCommentId: c.data.parent_id } : null,
        });
      }
    }
    for (const raw of entry.messaging ?? []) {
      const m = messagingEvent.safeParse(raw);
      if (!m.success || m.data.message.is_echo) continue;
      items.push({
        platform,
        accountPlatformId: m.data.recipient.id,
        externalId: m.data.message.mid,
        kind: "MESSAGE",
        authorExternalId: m.data.sender.id,
        authorHandle: null,
        authorName: null,
        text: m.data.message.text,
        externalParentId: null,
        receivedAt: new Date(m.data.timestamp),
        platformData: null,
      });
    }
  }
  return items;
}

/**
 * An Instagram mention from Meta's `mentions` webhook field (Graph webhooks reference, Instagram): only ids,
 * `{ comment_id, media_id }` when a comment names the account, `{ media_id }` when a caption does. Its words and
 * time are read with the account's token (src/server/interactions/fetch-mention.ts) before it is stored.
 */
export type MentionRef = { accountPlatformId: string; mediaId: string; commentId: string | null };

const igMention = z.object({ media_id: id, comment_id: id.optional() });

export function instagramMentions(body: unknown): MentionRef[] {
  const parsed = metaBody.safeParse(body);
  if (!parsed.success || parsed.data.object !== "instagram") return [];
  const refs: MentionRef[] = [];
  for (const entry of parsed.data.entry)
    for (const change of entry.changes ?? []) {
      if (change.field !== "mentions") continue;
      const m = igMention.safeParse(change.value);
      if (m.success)
        refs.push({ accountPlatformId: entry.id, mediaId: m.data.media_id, commentId: m.data.comment_id ?? null });
    }
  return refs;
}

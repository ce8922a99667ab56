import type { Ctx } from "@/emulator/context";
import type { EmulatedPlatform } from "@/emulator/control-schema";
import { fieldNames, graphError, graphToken } from "@/emulator/platforms/graph";
import type { CitizenItem } from "@/emulator/state";

// The comments edge of a Facebook Page post and of an Instagram media (docs/platforms.md "Reading citizens"):
// GET /{object-id}/comments with fields, limit and after/before cursors.
// Facebook (developers.facebook.com/docs/graph-api/reference/object/comments): filter toplevel (default) or
// stream, order chronological (default) or reverse_chronological; default fields id, message, created_time, from.
// Instagram (developers.facebook.com/docs/instagram-platform/reference/instagram-media/comments): top-level
// comments only, default fields id, text, timestamp. Unknown fields are refused as Graph does; an object the
// platform does not know is error 100/33. Reads count against the account's hourly calls (200 an hour, the
// Graph platform limit per user), throttled with code 32 (Pages) or 80002 (Instagram) and the usage header.

const LIMIT_PER_HOUR = 200,
  HOUR = 3_600_000;

const FIELDS: Record<"facebook" | "instagram", readonly string[]> = {
  facebook: [
    "id",
    "message",
    "created_time",
    "from",
    "parent",
    "comment_count",
    "like_count",
    "permalink_url",
    "can_reply_privately",
    "is_hidden",
    "message_tags",
    "object",
  ],
  instagram: ["id", "text", "timestamp", "from", "username", "like_count", "hidden", "media", "parent_id", "replies"],
};
const DEFAULT_FIELDS = { facebook: ["id", "message", "created_time", "from"], instagram: ["id", "text", "timestamp"] };

const fbTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "+0000");

function render(platform: "facebook" | "instagram", c: CitizenItem, wanted: string[], all: CitizenItem[]) {
  const values: Record<string, unknown> =
    platform === "facebook"
      ? {
          id: c.id,
          message: c.text,
          created_time: fbTime(c.createdAtMs),
          from: { name: c.author.name, id: c.author.id },
          ...(c.parentCommentId ? { parent: { id: c.parentCommentId } } : {}),
          comment_count: all.filter((r) => r.parentCommentId === c.id).length,
          like_count: 0,
          permalink_url: `https://www.facebook.com/${c.postId}?comment_id=${c.id}`,
          can_reply_privately: true,
          is_hidden: false,
          object: { id: c.postId },
        }
      : {
          id: c.id,
          text: c.text,
          timestamp: fbTime(c.createdAtMs),
          from: { id: c.author.id, username: c.author.username },
          username: c.author.username,
          like_count: 0,
          hidden: false,
          media: { id: c.postId },
          ...(c.parentCommentId ? { parent_id: c.parentCommentId } : {}),
          replies: {
            data: all.filter((r) => r.parentCommentId === c.id).map((r) => ({ id: r.id, text: r.text })),
          },
        };
  return Object.fromEntries(wanted.filter((f) => f in values).map((f) => [f, values[f]]));
}

const cursor = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url");
function fromCursor(c: string): number | null {
  const m = /^offset:(\d+)$/.exec(Buffer.from(c, "base64url").toString());
  return m ? Number(m[1]) : null;
}

export function listComments(ctx: Ctx, platform: Extract<EmulatedPlatform, "facebook" | "instagram">, id: string) {
  const { state, query } = ctx;
  state.hit(`${platform} GET /{object}/comments`);
  const ours = state.citizens.filter((c) => c.platform === platform && c.kind === "comment");
  const post = state.find(platform, id);
  const parentComment = ours.find((c) => c.id === id);
  if (!post && !parentComment && !ours.some((c) => c.postId === id))
    return ctx.send(
      400,
      graphError(
        `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
        100,
        33,
        "GraphMethodException",
      ),
    );
  const asked = query.get("fields") ? fieldNames(query.get("fields")!) : DEFAULT_FIELDS[platform];
  const unknown = asked.find((f) => !FIELDS[platform].includes(f));
  if (unknown)
    return ctx.send(
      400,
      graphError(
        `(#100) Tried accessing nonexisting field (${unknown}) on node type (${platform === "facebook" ? "Comment" : "IGComment"})`,
        100,
      ),
    );
  const limitRaw = query.get("limit");
  const limit = limitRaw === null ? 25 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1)
    return ctx.send(400, graphError("(#100) Param limit must be a positive integer", 100));
  const filter = query.get("filter") ?? "toplevel";
  const order = query.get("order") ?? "chronological";
  if (
    platform === "facebook" &&
    (!["toplevel", "stream"].includes(filter) || !["chronological", "reverse_chronological"].includes(order))
  )
    return ctx.send(400, graphError("(#100) Invalid parameter", 100));
  const owner = state.accountOfToken(platform, graphToken(ctx));
  if (state.consume(`graph:reads:${platform}:${owner}`, LIMIT_PER_HOUR, HOUR) > 0) {
    const usage = {
      [owner]: [
        {
          type: platform === "facebook" ? "pages" : "instagram",
          call_count: 100,
          total_cputime: 10,
          total_time: 12,
          estimated_time_to_regain_access: 60,
        },
      ],
    };
    return ctx.send(
      400,
      platform === "facebook"
        ? graphError("(#32) Page request limit reached", 32)
        : graphError("Application request limit reached", 80002),
      { "x-business-use-case-usage": JSON.stringify(usage) },
    );
  }
  // Comments under a comment (its replies) when the object is a comment; the post's otherwise.
  let list = parentComment
    ? ours.filter((c) => c.parentCommentId === id)
    : ours.filter((c) => c.postId === id && (filter === "stream" || c.parentCommentId === null));
  list = [...list].sort((a, b) => a.createdAtMs - b.createdAtMs);
  // Instagram lists the newest first; Facebook as `order` says.
  if (platform === "instagram" || order === "reverse_chronological") list.reverse();
  let offset = 0;
  const after = query.get("after"),
    before = query.get("before");
  if (after !== null || before !== null) {
    const o = fromCursor((after ?? before)!);
    if (o === null) return ctx.send(400, graphError("(#100) The after/before cursor is invalid", 100));
    offset = after !== null ? o + 1 : Math.max(0, o - limit);
  }
  const page = list.slice(offset, offset + limit);
  const data = page.map((c) => render(platform, c, asked, ours));
  const paging =
    page.length === 0
      ? {}
      : {
          paging: {
            cursors: { before: cursor(offset), after: cursor(offset + page.length - 1) },
            ...(offset + limit < list.length
              ? {
                  next: `${ctx.base}/${id}/comments?${new URLSearchParams({
                    ...Object.fromEntries(query),
                    after: cursor(offset + page.length - 1),
                  })}`,
                }
              : {}),
          },
        };
  ctx.send(200, { data, ...paging });
}

// Instagram mentions (Graph reference, IG User "Mentioned Comment" and "Mentioned Media"): the `mentions` webhook
// gives only ids, and the account reads the words with its own token as a field of itself,
// GET /{ig-user-id}?fields=mentioned_comment.comment_id({comment-id}){fields} or
// mentioned_media.media_id({media-id}){fields}. Only the fields the reference lists are served (unknown ones are
// refused as Graph refuses them: a comment found this way has no author fields), the default is `id`, an id that is
// not a mention of this account is error 100/33, and each read counts against the account's 200 calls an hour.

const MENTIONED = {
  mentioned_comment: {
    param: "comment_id",
    node: "IGComment",
    fields: ["id", "like_count", "media", "text", "timestamp"],
  },
  mentioned_media: {
    param: "media_id",
    node: "IGMedia",
    fields: ["caption", "comments_count", "id", "like_count", "media_type", "media_url", "timestamp", "username"],
  },
} as const;

/** True when the request asked for a mention (the caller then answered it). */
export function mentioned(ctx: Ctx, userId: string): boolean {
  const fields = ctx.query.get("fields") ?? "";
  const m = /^(mentioned_comment|mentioned_media)\.([a-z_]+)\(([^()]*)\)(?:\{([^{}]*)\})?$/.exec(fields.trim());
  if (!m && !/^mentioned_(comment|media)\b/.test(fields.trim())) return false;
  const { state } = ctx;
  state.hit("instagram GET /{ig-user}?fields=mentioned_*");
  if (!m) return (ctx.send(400, graphError("(#100) Syntax error in the fields parameter", 100)), true);
  const [, edge, param, id, wanted] = m as unknown as [string, keyof typeof MENTIONED, string, string, string?];
  const spec = MENTIONED[edge];
  if (param !== spec.param || !id)
    return (ctx.send(400, graphError(`(#100) The parameter ${spec.param} is required`, 100)), true);
  const owner = state.accountOfToken("instagram", graphToken(ctx));
  if (owner !== userId)
    return (
      ctx.send(
        400,
        graphError(
          `Unsupported get request. Object with ID '${userId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
          100,
          33,
          "GraphMethodException",
        ),
      ),
      true
    );
  const asked = wanted ? fieldNames(wanted) : ["id"];
  const unknown = asked.find((f) => !(spec.fields as readonly string[]).includes(f));
  if (unknown)
    return (
      ctx.send(
        400,
        graphError(`(#100) Tried accessing nonexisting field (${unknown}) on node type (${spec.node})`, 100),
      ),
      true
    );
  if (state.consume(`graph:reads:instagram:${owner}`, LIMIT_PER_HOUR, HOUR) > 0)
    return (ctx.send(400, graphError("Application request limit reached", 80002)), true);
  const item = state.findCitizen("instagram", id);
  const kind = edge === "mentioned_comment" ? "comment" : "caption";
  if (!item || item.kind !== "mention" || item.account !== userId || (item.mentionIn ?? "comment") !== kind)
    return (
      ctx.send(
        400,
        graphError(
          `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
          100,
          33,
          "GraphMethodException",
        ),
      ),
      true
    );
  const values: Record<string, unknown> =
    kind === "comment"
      ? { id: item.id, like_count: 0, media: { id: item.postId }, text: item.text, timestamp: fbTime(item.createdAtMs) }
      : {
          id: item.id,
          // "Captions that @mention an IG User will not include the @ symbol unless the app user created the media."
          caption: item.text.replace(/@([A-Za-z0-9._]+)/g, "$1"),
          comments_count: 0,
          like_count: 0,
          media_type: "IMAGE",
          media_url: `https://scontent.cdninstagram.com/v/${item.id}.jpg`,
          timestamp: fbTime(item.createdAtMs),
          username: item.author.username,
        };
  ctx.send(200, { [edge]: Object.fromEntries(asked.map((f) => [f, values[f]])), id: userId });
  return true;
}

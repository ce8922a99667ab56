import { randomBytes, randomUUID } from "node:crypto";
import twitterText from "twitter-text";
import { afterAccept, CREATE_FAULTS, type Ctx } from "@/emulator/context";
import type { EmulatedPlatform, EmulatedReply, ReplyParentInput } from "@/emulator/control-schema";
import { replyParentSchema } from "@/emulator/control-schema";
import { grantedScope } from "@/emulator/connect-servers";
import { graphError, serverError, serverErrorBody, throttled } from "@/emulator/platforms/graph";
import type { EmulatorState } from "@/emulator/state";

// Public replies (issue 16 item 5; docs/platforms.md "Public replies"): what citizens wrote that an account
// may answer (comments, mentions, chat messages), LINE's reply tokens, and the replies the platforms
// received, per emulator epoch. As strict as the references: a reply to something the platform does not
// hold (or holds for another account) is refused as the platform refuses it, texts over the platform's
// limit are refused, a LINE reply token works once and for one minute, a push goes only to a user who wrote
// to the bot. The endpoints themselves are hooked into each platform's handler.

type Parent = ReturnType<typeof replyParentSchema.parse> & { createdAtMs: number };
type StoredReply = Omit<EmulatedReply, "createdAt"> & { createdAtMs: number };
type LineToken = { account: string; userId: string | null; messageId: string; issuedAtMs: number; used: boolean };
type Store = {
  parents: Map<string, Parent>;
  lineTokens: Map<string, LineToken>;
  /** LINE users who wrote to a bot ("account:user"): a push may reach them. */
  lineUsers: Set<string>;
  replies: StoredReply[];
};

const stores = new WeakMap<object, Store>();

function store(state: EmulatorState): Store {
  let s = stores.get(state.epoch);
  if (!s)
    stores.set(state.epoch, (s = { parents: new Map(), lineTokens: new Map(), lineUsers: new Set(), replies: [] }));
  return s;
}

/**
 * LINE (developers.line.biz/en/reference/messaging-api/#send-reply-message): "Reply tokens can only be used
 * once" and "must be used within one minute after receiving the webhook"; LINE says use past a minute is not
 * guaranteed, the emulator refuses it (the stricter reading).
 */
export const LINE_REPLY_TOKEN_MS = 60_000;

/** Registers something a citizen wrote (the inbox's injection calls this too); a LINE reply token if asked. */
export function addParent(state: EmulatorState, input: ReplyParentInput): { replyToken: string | null } {
  const p = replyParentSchema.parse(input);
  const s = store(state);
  s.parents.set(`${p.platform}:${p.id}`, { ...p, createdAtMs: state.now() });
  if (p.platform === "line" && p.author) s.lineUsers.add(`${p.account}:${p.author}`);
  const replyToken =
    p.platform === "line" && p.lineReplyToken ? issueLineReplyToken(state, p.account, p.author ?? null, p.id) : null;
  return { replyToken };
}

/** A reply token as a LINE webhook event carries it: single use, one minute. */
export function issueLineReplyToken(
  state: EmulatorState,
  account: string,
  userId: string | null,
  messageId: string,
): string {
  const token = randomBytes(16).toString("hex");
  store(state).lineTokens.set(token, { account, userId, messageId, issuedAtMs: state.now(), used: false });
  if (userId) store(state).lineUsers.add(`${account}:${userId}`);
  return token;
}

export function repliesOf(
  state: EmulatorState,
  filter: { platform?: EmulatedPlatform; parent?: string; to?: string },
): EmulatedReply[] {
  return store(state)
    .replies.filter(
      (r) =>
        (!filter.platform || r.platform === filter.platform) &&
        (!filter.parent || r.parentId === filter.parent) &&
        (!filter.to || r.to === filter.to),
    )
    .map(({ createdAtMs, ...r }) => ({ ...r, createdAt: new Date(createdAtMs).toISOString() }));
}

/** What a citizen wrote: registered here, or made by the emulator's citizens (src/emulator/citizens.ts). */
function parent(ctx: Ctx, id: string): Parent | undefined {
  const own = store(ctx.state).parents.get(`${ctx.platform}:${id}`);
  if (own) return own;
  const c = ctx.state.findCitizen(ctx.platform, id);
  if (!c) return undefined;
  return {
    platform: c.platform,
    account: c.account,
    id: c.id,
    author: c.author.id,
    ...(c.parentCommentId ? { topLevelId: c.parentCommentId } : {}),
    hidden: false,
    lineReplyToken: false,
    createdAtMs: c.createdAtMs,
  };
}

/** A LINE reply token: issued here, or carried by a citizen's message webhook (src/emulator/citizens.ts). */
function lineToken(state: EmulatorState, token: string): LineToken | undefined {
  const s = store(state);
  const own = s.lineTokens.get(token);
  if (own || !token) return own;
  const c = state.citizens.find((i) => i.platform === "line" && i.replyToken === token);
  if (!c) return undefined;
  const t = { account: c.account, userId: c.author.id, messageId: c.id, issuedAtMs: c.createdAtMs, used: false };
  s.lineTokens.set(token, t);
  return t;
}

/** A LINE user who wrote to the bot, here or through the emulator's citizens. */
function lineUser(state: EmulatorState, account: string, userId: string): boolean {
  return (
    store(state).lineUsers.has(`${account}:${userId}`) ||
    state.citizens.some((c) => c.platform === "line" && c.account === account && c.author.id === userId)
  );
}

function record(ctx: Ctx, r: Omit<StoredReply, "platform" | "createdAtMs">): StoredReply {
  const stored = { ...r, platform: ctx.platform, createdAtMs: ctx.state.now() };
  store(ctx.state).replies.push(stored);
  return stored;
}

/** The scope a token was granted, when the emulator issued it through a consent page; demo tokens hold all. */
function lacksScope(ctx: Ctx, token: string, needed: string): boolean {
  const scope = grantedScope(ctx, token);
  return scope !== null && !scope.split(/[,\s]+/).includes(needed);
}

// ---------------------------------------------------------------- X

const X_PROBLEM = { "content-type": "application/problem+json" };
const TWEET_ID = /^[0-9]{1,19}$/;

/**
 * X's `reply` object of POST /2/tweets (TweetCreateRequest in X's openapi.json): `in_reply_to_tweet_id` required
 * (a TweetId, 1-19 digits), `exclude_reply_user_ids` and `auto_populate_reply_metadata` optional, nothing else.
 * A post that does not exist or is not visible: 403 "You attempted to reply to a Tweet that is deleted or not
 * visible to you." Returns the id replied to, or null once the refusal was sent.
 */
export function xReplyTarget(ctx: Ctx, reply: unknown): string | null {
  const invalid = (message: string) => {
    ctx.send(
      400,
      {
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.twitter.com/2/problems/invalid-request",
        errors: [{ message }],
      },
      X_PROBLEM,
    );
    return null;
  };
  if (!reply || typeof reply !== "object" || Array.isArray(reply)) return invalid("$.reply: must be an object");
  const r = reply as Record<string, unknown>;
  const extra = Object.keys(r).find(
    (k) => !["in_reply_to_tweet_id", "exclude_reply_user_ids", "auto_populate_reply_metadata"].includes(k),
  );
  if (extra)
    return invalid(
      `$.reply.${extra}: is not defined in the schema and the schema does not allow additional properties`,
    );
  const id = r.in_reply_to_tweet_id;
  if (typeof id !== "string" || !TWEET_ID.test(id))
    return invalid(`$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$`);
  if (!parent(ctx, id) && !ctx.state.find("x", id)) {
    ctx.send(
      403,
      {
        title: "Forbidden",
        type: "about:blank",
        status: 403,
        detail: "You attempted to reply to a Tweet that is deleted or not visible to you.",
      },
      X_PROBLEM,
    );
    return null;
  }
  return id;
}

/** X replies count against the same duplicate check as posts. */
export function xDuplicateReply(ctx: Ctx, account: string, text: string): boolean {
  return store(ctx.state).replies.some((r) => r.platform === "x" && r.account === account && r.text === text);
}

export function recordXReply(ctx: Ctx, account: string, parentId: string, text: string): string {
  return record(ctx, { id: ctx.state.nextId(), account, parentId, to: null, via: "reply", text }).id;
}

export function xLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

// ---------------------------------------------------------------- Facebook and Instagram

/** Facebook comments hold at most 8,000 characters; Instagram comments 2,200 (as its captions). */
const FACEBOOK_COMMENT_MAX = 8_000;
const INSTAGRAM_COMMENT_MAX = 2_200;

function graphMissing(ctx: Ctx, id: string, verb: "post" | "get") {
  ctx.send(
    400,
    graphError(
      `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      100,
      33,
      "GraphMethodException",
    ),
  );
}

/**
 * Facebook: POST /{comment-id}/comments (message) replies to a comment of the Page's post with a Page token
 * holding pages_manage_engagement; Instagram: POST /{ig-comment-id}/replies (message) with
 * instagram_business_manage_comments, top-level comments only (a reply to a reply is added to its top-level
 * comment), never a hidden one.
 */
export async function graphReply(ctx: Ctx, commentId: string, account: string, token: string): Promise<void> {
  const { state } = ctx;
  const facebook = ctx.platform === "facebook";
  const route = facebook ? "facebook POST /{comment}/comments" : "instagram POST /{comment}/replies";
  state.hit(route);
  const p = parent(ctx, commentId);
  if (!p || p.account !== account || mentionOnOthersMedia(ctx, commentId)) return graphMissing(ctx, commentId, "post");
  const permission = facebook ? "pages_manage_engagement" : "instagram_business_manage_comments";
  if (lacksScope(ctx, token, permission))
    return ctx.send(
      403,
      graphError(`(#200) Requires ${permission} permission to manage the object`, 200, undefined, "OAuthException"),
    );
  const fault = state.takeFault(ctx.platform, account, CREATE_FAULTS, { route, creates: true });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit") return throttled(ctx, account, fault);
  if (fault?.kind === "server_error") return serverError(ctx, fault);
  if (fault?.kind === "permanent")
    return ctx.send(400, graphError("(#10) Application does not have permission for this action", 10));
  if (!facebook && p.hidden) return ctx.send(400, graphError("(#100) Cannot reply to a hidden comment", 100));
  const message = ctx.params.get("message") ?? "";
  if (!message.trim()) return ctx.send(400, graphError("(#100) Missing message or attachment", 100));
  const max = facebook ? FACEBOOK_COMMENT_MAX : INSTAGRAM_COMMENT_MAX;
  if (Array.from(message).length > max)
    return ctx.send(400, graphError(`(#100) The comment is too long: at most ${max} characters`, 100));
  const attachedTo = !facebook && p.topLevelId ? p.topLevelId : commentId;
  const id = facebook ? `${commentId.split("_")[0]}_${state.nextId()}` : state.nextId();
  record(ctx, { id, account, parentId: attachedTo, to: null, via: "reply", text: message });
  if (await afterAccept(ctx, fault, (status) => ({ body: serverErrorBody(status) }))) return;
  ctx.send(200, { id });
}

/**
 * A comment that mentions an Instagram account on another user's media is not the account's to manage: the
 * comment-moderation edges (/{ig-comment-id}/replies) work on the account's own media only, and such a mention
 * is answered through POST /{ig-user-id}/mentions (IG User reference, "Mentions").
 */
function mentionOnOthersMedia(ctx: Ctx, id: string): boolean {
  const c = ctx.platform === "instagram" ? ctx.state.findCitizen("instagram", id) : undefined;
  return c?.kind === "mention";
}

/**
 * POST /{ig-user-id}/mentions (IG User reference, "Mentions"): a comment on the media whose caption mentions
 * the account (`media_id`), or a reply to the comment that mentions it (`media_id` and `comment_id`); `message`
 * required; instagram_business_manage_comments. Only a mention of this account, on that media, is answered.
 */
export async function instagramMentionReply(ctx: Ctx, userId: string, account: string, token: string): Promise<void> {
  const { state } = ctx;
  const route = "instagram POST /{ig-user}/mentions";
  state.hit(route);
  if (account !== userId) return graphMissing(ctx, userId, "post");
  const mediaId = ctx.params.get("media_id") ?? "";
  const commentId = ctx.params.get("comment_id");
  if (!mediaId) return ctx.send(400, graphError("(#100) The parameter media_id is required", 100));
  const mention = state.findCitizen("instagram", commentId ?? mediaId);
  const matches =
    mention?.kind === "mention" &&
    mention.account === userId &&
    (commentId ? mention.mentionIn === "comment" && mention.postId === mediaId : mention.mentionIn === "caption");
  if (!matches) return graphMissing(ctx, commentId ?? mediaId, "post");
  if (lacksScope(ctx, token, "instagram_business_manage_comments"))
    return ctx.send(
      403,
      graphError("(#200) Requires instagram_business_manage_comments permission to manage the object", 200),
    );
  const fault = state.takeFault("instagram", account, CREATE_FAULTS, { route, creates: true });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit") return throttled(ctx, account, fault);
  if (fault?.kind === "server_error") return serverError(ctx, fault);
  const message = ctx.params.get("message") ?? "";
  if (!message.trim()) return ctx.send(400, graphError("(#100) The parameter message is required", 100));
  if (Array.from(message).length > INSTAGRAM_COMMENT_MAX)
    return ctx.send(
      400,
      graphError(`(#100) The comment is too long: at most ${INSTAGRAM_COMMENT_MAX} characters`, 100),
    );
  const id = state.nextId();
  record(ctx, { id, account, parentId: commentId ?? mediaId, to: null, via: "mention", text: message });
  if (await afterAccept(ctx, fault, (status) => ({ body: serverErrorBody(status) }))) return;
  ctx.send(200, { id });
}

/** GET /{comment-id}/comments (Facebook) or /replies (Instagram): the replies under a comment, newest last. */
export function graphReplies(ctx: Ctx, commentId: string, account: string): void {
  ctx.state.hit(ctx.platform === "facebook" ? "facebook GET /{comment}/comments" : "instagram GET /{comment}/replies");
  const p = parent(ctx, commentId);
  if (!p || p.account !== account || mentionOnOthersMedia(ctx, commentId)) return graphMissing(ctx, commentId, "get");
  const data = store(ctx.state)
    .replies.filter((r) => r.platform === ctx.platform && r.parentId === commentId)
    .map((r) =>
      ctx.platform === "facebook"
        ? { id: r.id, message: r.text, from: { id: r.account }, created_time: new Date(r.createdAtMs).toISOString() }
        : { id: r.id, text: r.text, from: { id: r.account }, timestamp: new Date(r.createdAtMs).toISOString() },
    );
  ctx.send(200, { data });
}

// ---------------------------------------------------------------- YouTube

const googleError = (code: number, reason: string, message: string, status: string) => ({
  error: { code, message, errors: [{ message, domain: "youtube.comment", reason }], status },
});
/** YouTube refuses a comment text over 10,000 characters (commentTextTooLong). */
const YOUTUBE_COMMENT_MAX = 10_000;

function youtubeComment(r: StoredReply) {
  return {
    kind: "youtube#comment",
    etag: r.id,
    id: r.id,
    snippet: {
      channelId: r.account,
      textDisplay: r.text,
      textOriginal: r.text,
      parentId: r.parentId,
      authorChannelId: { value: r.account },
      publishedAt: new Date(r.createdAtMs).toISOString(),
      updatedAt: new Date(r.createdAtMs).toISOString(),
    },
  };
}

/** comments.insert (POST /youtube/v3/comments?part=snippet): a reply to a top-level comment, scope youtube.force-ssl. */
export async function youtubeReply(ctx: Ctx, account: string): Promise<void> {
  const { state } = ctx;
  const route = "youtube POST /youtube/v3/comments";
  state.hit(route);
  if (ctx.query.get("part") !== "snippet")
    return ctx.send(400, googleError(400, "missingRequiredParameter", "No filter selected.", "INVALID_ARGUMENT"));
  if (lacksScope(ctx, ctx.bearer(), "https://www.googleapis.com/auth/youtube.force-ssl"))
    return ctx.send(
      403,
      googleError(
        403,
        "insufficientPermissions",
        "Request had insufficient authentication scopes.",
        "PERMISSION_DENIED",
      ),
    );
  const body = ctx.json as { snippet?: { parentId?: unknown; textOriginal?: unknown } } | null;
  const parentId = typeof body?.snippet?.parentId === "string" ? body.snippet.parentId : "";
  const text = typeof body?.snippet?.textOriginal === "string" ? body.snippet.textOriginal : "";
  if (!parentId)
    return ctx.send(
      400,
      googleError(400, "parentIdMissing", "The comment must be linked to a parent comment.", "INVALID_ARGUMENT"),
    );
  if (!text.trim())
    return ctx.send(400, googleError(400, "commentTextRequired", "Comments cannot be empty.", "INVALID_ARGUMENT"));
  if (Array.from(text).length > YOUTUBE_COMMENT_MAX)
    return ctx.send(400, googleError(400, "commentTextTooLong", "The comment text is too long.", "INVALID_ARGUMENT"));
  const p = parent(ctx, parentId);
  if (!p || p.account !== account)
    return ctx.send(
      404,
      googleError(404, "parentCommentNotFound", "The specified parent comment could not be found.", "NOT_FOUND"),
    );
  if (p.topLevelId)
    return ctx.send(
      400,
      googleError(400, "operationNotSupported", "Replies can only be made to a top-level comment.", "INVALID_ARGUMENT"),
    );
  const fault = state.takeFault("youtube", account, CREATE_FAULTS, { route, creates: true });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit")
    return ctx.send(403, googleError(403, "rateLimitExceeded", "Rate limit exceeded.", "PERMISSION_DENIED"));
  const backend = (status: number) => ({ body: googleError(status, "backendError", "Backend Error", "UNAVAILABLE") });
  if (fault?.kind === "server_error") return ctx.send(fault.status, backend(fault.status).body);
  if (fault?.kind === "permanent")
    return ctx.send(403, googleError(403, "forbidden", "The comment cannot be created.", "PERMISSION_DENIED"));
  const stored = record(ctx, {
    id: `${parentId}.${randomBytes(8).toString("hex")}`,
    account,
    parentId,
    to: null,
    via: "reply",
    text,
  });
  if (await afterAccept(ctx, fault, backend)) return;
  ctx.send(200, youtubeComment(stored));
}

/** comments.list?part=snippet&parentId=…: the replies to a top-level comment. */
export function youtubeReplies(ctx: Ctx, account: string): void {
  ctx.state.hit("youtube GET /youtube/v3/comments");
  const parentId = ctx.query.get("parentId") ?? "";
  if (ctx.query.get("part") !== "snippet" || !parentId)
    return ctx.send(400, googleError(400, "missingRequiredParameter", "No filter selected.", "INVALID_ARGUMENT"));
  const p = parent(ctx, parentId);
  if (!p || p.account !== account)
    return ctx.send(404, googleError(404, "commentNotFound", "The comment could not be found.", "NOT_FOUND"));
  const items = store(ctx.state)
    .replies.filter((r) => r.platform === "youtube" && r.parentId === parentId)
    .map(youtubeComment);
  ctx.send(200, { kind: "youtube#commentListResponse", pageInfo: { totalResults: items.length }, items });
}

// ---------------------------------------------------------------- LINE

const LINE_TEXT_MAX = 5_000;

/**
 * POST /v2/bot/message/reply ({ replyToken, messages }): no retry key (line-openapi's messaging-api.yml gives
 * the reply endpoint none), the token works once and within a minute; anything else is 400 "Invalid reply token".
 */
export async function lineReply(ctx: Ctx, account: string): Promise<void> {
  const { state } = ctx;
  const route = "line POST /v2/bot/message/reply";
  state.hit(route);
  const reqHeader = { "x-line-request-id": randomUUID() };
  const body = ctx.json as { replyToken?: unknown; messages?: unknown } | null;
  const messages = Array.isArray(body?.messages) ? (body.messages as { type?: unknown; text?: unknown }[]) : [];
  if (messages.length < 1 || messages.length > 5)
    return ctx.send(
      400,
      {
        message: "The request body has 1 error(s)",
        details: [{ message: "Size must be between 1 and 5", property: "messages" }],
      },
      reqHeader,
    );
  const texts = messages.map((m) => (m.type === "text" && typeof m.text === "string" ? m.text : null));
  const bad = texts.findIndex((t) => t === null || t === "" || t.length > LINE_TEXT_MAX);
  if (bad >= 0)
    return ctx.send(
      400,
      {
        message: "The request body has 1 error(s)",
        details: [{ message: `Length must be between 1 and ${LINE_TEXT_MAX}`, property: `messages[${bad}].text` }],
      },
      reqHeader,
    );
  const token = typeof body?.replyToken === "string" ? body.replyToken : "";
  const t = lineToken(state, token);
  if (!t || t.used || t.account !== account || state.now() - t.issuedAtMs > LINE_REPLY_TOKEN_MS)
    return ctx.send(400, { message: "Invalid reply token" }, reqHeader);
  const fault = state.takeFault("line", account, CREATE_FAULTS, { route, creates: true });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit")
    return ctx.send(429, { message: "The API rate limit has been exceeded. Try again later." }, reqHeader);
  if (fault?.kind === "server_error")
    return ctx.send(fault.status, { message: "An error occurred in the backend server." }, reqHeader);
  t.used = true;
  const sent = record(ctx, {
    id: reqHeader["x-line-request-id"],
    account,
    parentId: t.messageId,
    to: t.userId,
    via: "reply",
    text: (texts as string[]).join("\n"),
  });
  const backend = () => ({ body: { message: "An error occurred in the backend server." }, headers: reqHeader });
  if (await afterAccept(ctx, fault, backend)) return;
  ctx.send(
    200,
    { sentMessages: messages.map(() => ({ id: `${sent.id}-${state.nextId()}`, quoteToken: randomUUID() })) },
    reqHeader,
  );
}

/**
 * A push goes to a user who wrote to the bot (a friend): LINE answers 400 for a `to` it does not know. True when
 * the refusal was sent.
 */
export function refuseLinePushTarget(
  ctx: Ctx,
  account: string,
  to: unknown,
  reqHeader: Record<string, string>,
): boolean {
  if (typeof to === "string" && lineUser(ctx.state, account, to)) return false;
  ctx.send(400, { message: "The property, 'to', in the request body is invalid (line: -, column: -)" }, reqHeader);
  return true;
}

export function recordLinePush(ctx: Ctx, account: string, requestId: string, to: string, text: string): void {
  record(ctx, { id: requestId, account, parentId: null, to, via: "push", text });
}

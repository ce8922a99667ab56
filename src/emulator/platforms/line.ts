import { randomUUID } from "node:crypto";
import { afterAccept, CREATE_FAULTS, type Ctx } from "@/emulator/context";
import { engagementAt } from "@/emulator/engagement";
import { fetchedFile, fetchMedia, httpsOrLocalApp, type FetchedFile } from "@/emulator/media-fetch";
import { lineReply, recordLinePush, refuseLinePushTarget } from "@/emulator/replies";

// LINE Messaging API: broadcast/push with X-Line-Retry-Key (409 on a repeat), insights, quota.

/** An accepted retry key: the request it answered for, and when (LINE honours a key for 24 hours). */
type Accepted = { requestId: string; atMs: number };
const acceptedKeys = new WeakMap<object, Map<string, Accepted>>();
const RETRY_KEY_LIFETIME_MS = 24 * 3_600_000;
const PER_HOUR = 60,
  HOUR = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function keys(ctx: Ctx): Map<string, Accepted> {
  let m = acceptedKeys.get(ctx.state.epoch);
  if (!m) acceptedKeys.set(ctx.state.epoch, (m = new Map<string, Accepted>()));
  return m;
}

type LineMessage = { type?: unknown; text?: unknown; originalContentUrl?: unknown; previewImageUrl?: unknown };

/**
 * LINE's image message (developers.line.biz/en/reference/messaging-api/#image-message): "originalContentUrl:
 * Image URL (Max character limit: 2000), HTTPS over TLS 1.2 or later, JPEG or PNG, Max file size: 10 MB";
 * "previewImageUrl: Preview image URL (Max character limit: 2000), HTTPS over TLS 1.2 or later, JPEG or PNG,
 * Max file size: 1 MB". The video message asks the same of its preview (the video itself: mp4, 200 MB).
 * LINE itself fetches the files only when a reader opens the message, so a wrong file shows as a broken image
 * on phones, not as an error; the emulator fetches at once and refuses, the stricter choice, so a mistake shows
 * in a test. "MB" is read as 1,000,000 bytes (stricter than 2^20). The local app may be http (media-fetch.ts).
 */
const URL_MAX = 2_000;
const ORIGINAL_MAX_BYTES = 10_000_000,
  PREVIEW_MAX_BYTES = 1_000_000;

async function mediaProblem(
  ctx: Ctx,
  m: LineMessage,
  at: number,
  fetched: FetchedFile[],
): Promise<{ property: string; message: string } | null> {
  const fields = m.type === "image" || m.type === "video" ? (["originalContentUrl", "previewImageUrl"] as const) : [];
  for (const field of fields) {
    const property = `messages[${at}].${field}`;
    const url = m[field];
    if (typeof url !== "string" || url === "") return { property, message: "Must be specified" };
    if (url.length > URL_MAX) return { property, message: `Length must be between 0 and ${URL_MAX}` };
    if (!httpsOrLocalApp(ctx.state, url)) return { property, message: "Must be a valid HTTPS URL" };
    // The video file itself is not fetched (only its preview is an image).
    if (m.type === "video" && field === "originalContentUrl") continue;
    const max = field === "previewImageUrl" ? PREVIEW_MAX_BYTES : ORIGINAL_MAX_BYTES;
    const got = await fetchMedia(ctx.state, url, max);
    if (!got.ok && got.reason === "tooLarge")
      return { property, message: `The file must be at most ${max / 1_000_000} MB` };
    if (!got.ok) return { property, message: "The file could not be fetched from this URL" };
    if (got.sniffed.kind !== "image" || (got.sniffed.format !== "jpeg" && got.sniffed.format !== "png"))
      return { property, message: "The file must be a JPEG or PNG image" };
    fetched.push(fetchedFile(url, field === "previewImageUrl" ? "preview" : "original", got));
  }
  return null;
}

async function send(ctx: Ctx, account: string, kind: "broadcast" | "push"): Promise<void> {
  const { state } = ctx;
  state.hit(`line POST /v2/bot/message/${kind}`);
  const requestId = randomUUID();
  const reqHeader = { "x-line-request-id": requestId };
  const retryKey = ctx.headers["x-line-retry-key"];
  if (typeof retryKey === "string") {
    if (!UUID.test(retryKey))
      return ctx.send(400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" }, reqHeader);
    const found = keys(ctx).get(`${account}:${retryKey}`);
    // After 24 hours LINE no longer knows the key: the same key sends again.
    const accepted = found && ctx.state.now() - found.atMs < RETRY_KEY_LIFETIME_MS ? found.requestId : null;
    if (accepted)
      return ctx.send(
        409,
        { message: "The retry key is already accepted", sentMessages: [] },
        { ...reqHeader, "x-line-accepted-request-id": accepted },
      );
  }
  const fault = state.takeFault("line", account, CREATE_FAULTS, {
    route: `line POST /v2/bot/message/${kind}`,
    creates: true,
  });
  if (fault?.kind === "slow") await ctx.hold(fault.delayMs);
  if (fault?.kind === "rate_limit")
    return ctx.send(429, { message: "The API rate limit has been exceeded. Try again later." }, reqHeader);
  if (fault?.kind === "server_error")
    return ctx.send(fault.status, { message: "An error occurred in the backend server." }, reqHeader);
  if (fault?.kind === "permanent")
    return ctx.send(
      400,
      {
        message: "The request body has 1 error(s)",
        details: [{ message: "May not be empty", property: "messages[0].text" }],
      },
      reqHeader,
    );
  const body = ctx.json as { messages?: unknown; to?: unknown } | null;
  // A push reaches a user who wrote to the bot (src/emulator/replies.ts).
  if (kind === "push" && refuseLinePushTarget(ctx, account, body?.to, reqHeader)) return;
  const messages = Array.isArray(body?.messages) ? (body.messages as LineMessage[]) : [];
  if (messages.length < 1 || messages.length > 5)
    return ctx.send(
      400,
      {
        message: "The request body has 1 error(s)",
        details: [{ message: "Size must be between 1 and 5", property: "messages" }],
      },
      reqHeader,
    );
  const texts = messages.filter((m) => m.type === "text").map((m) => (typeof m.text === "string" ? m.text : ""));
  if (texts.some((t) => t.length > 5_000))
    return ctx.send(
      400,
      {
        message: "The request body has 1 error(s)",
        details: [{ message: "Length must be between 0 and 5000", property: "messages[0].text" }],
      },
      reqHeader,
    );
  const fetched: FetchedFile[] = [];
  for (const [at, m] of messages.entries()) {
    const problem = await mediaProblem(ctx, m, at, fetched);
    if (problem) return ctx.send(400, { message: "The request body has 1 error(s)", details: [problem] }, reqHeader);
  }
  if (state.consume(`line:${account}`, PER_HOUR, HOUR) > 0)
    return ctx.send(429, { message: "The API rate limit has been exceeded. Try again later." }, reqHeader);
  if (typeof retryKey === "string") keys(ctx).set(`${account}:${retryKey}`, { requestId, atMs: ctx.state.now() });
  const media = messages
    .filter((m) => m.type !== "text")
    .map((m) => (typeof m.originalContentUrl === "string" ? m.originalContentUrl : ""));
  // A push answers one person (a reply to a citizen's message); a broadcast is a post.
  if (kind === "push") recordLinePush(ctx, account, requestId, String(body?.to), texts.join("\n"));
  else state.record({ id: requestId, platform: "line", account, text: texts.join("\n"), media, fetched });
  const backend = () => ({ body: { message: "An error occurred in the backend server." }, headers: reqHeader });
  if (await afterAccept(ctx, fault, backend)) return;
  ctx.send(
    200,
    kind === "push" ? { sentMessages: messages.map(() => ({ id: state.nextId(), quoteToken: randomUUID() })) } : {},
    reqHeader,
  );
}

function insight(ctx: Ctx): void {
  ctx.state.hit("line GET /v2/bot/insight/message/event");
  const id = ctx.query.get("requestId") ?? "";
  const post = ctx.state.find("line", id);
  if (!post)
    return ctx.send(200, {
      overview: {
        requestId: id,
        timestamp: 0,
        delivered: 0,
        uniqueImpression: null,
        uniqueClick: null,
        uniqueMediaPlayed: null,
        uniqueMediaPlayed100Percent: null,
      },
      messages: [],
      clicks: [],
    });
  const e = engagementAt(post.id, post.createdAtMs, ctx.state.now());
  ctx.send(200, {
    overview: {
      requestId: id,
      timestamp: Math.floor(post.createdAtMs / 1000),
      delivered: e.views * 3,
      uniqueImpression: e.views,
      uniqueClick: e.clicks,
      uniqueMediaPlayed: null,
      uniqueMediaPlayed100Percent: null,
    },
    messages: [],
    clicks: [],
  });
}

export async function handleLine(ctx: Ctx): Promise<boolean> {
  const token = ctx.bearer();
  if (!ctx.state.tokenValid("line", token)) {
    ctx.state.hit(`line ${ctx.method} ${ctx.path}`);
    ctx.send(
      401,
      { message: "Authentication failed. Confirm that the access token in the authorization header is valid." },
      { "x-line-request-id": randomUUID() },
    );
    return true;
  }
  const account = ctx.state.accountOfToken("line", token);
  ctx.state.seen("line", account, token);
  const { method, path } = ctx;
  if (method === "POST" && path === "/v2/bot/message/broadcast") return (await send(ctx, account, "broadcast"), true);
  if (method === "POST" && path === "/v2/bot/message/push") return (await send(ctx, account, "push"), true);
  if (method === "POST" && path === "/v2/bot/message/reply") return (await lineReply(ctx, account), true);
  if (method === "GET" && path === "/v2/bot/insight/message/event") return (insight(ctx), true);
  if (method === "GET" && path === "/v2/bot/message/quota")
    return (ctx.send(200, { type: "limited", value: 15_000 }), true);
  if (method === "GET" && path === "/v2/bot/message/quota/consumption") {
    return (ctx.send(200, { totalUsage: ctx.state.postsOf("line", account).length }), true);
  }
  if (method === "GET" && path === "/v2/bot/insight/followers")
    return (ctx.send(200, { status: "ready", followers: 1_000, targetedReaches: 900, blocks: 12 }), true);
  return false;
}

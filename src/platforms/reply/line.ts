import { http, joinUrl } from "@/platforms/http";
import { classifyLine } from "@/platforms/line";
import type { ReplyAdapter, ReplyRequest } from "@/platforms/reply/types";
import type { AdapterConfig, PlatformState, PublishOutcome, StatusOutcome } from "@/platforms/types";

// LINE (docs/platforms.md "Public replies"): the webhook's reply token when it is still fresh, otherwise a push
// to the citizen's user id. The reply endpoint takes no retry key and a token works once, so an unanswered
// reply by token cannot be checked (a person looks); a push carries X-Line-Retry-Key = the reply's id, so
// sending it again is safe for 24 hours: 409 with x-line-accepted-request-id means the first one arrived.

/** LINE: a reply token "must be used within one minute after receiving the webhook"; we leave ten seconds. */
const REPLY_TOKEN_TRUSTED_MS = 50_000;
/** LINE honours a retry key for 24 hours; we stop trusting it an hour early (as the broadcast does). */
const RETRY_KEY_TRUSTED_MS = 23 * 3_600_000;

const since = (state: PlatformState) => (typeof state.retryKeySince === "number" ? state.retryKeySince : null);

export function lineReply(cfg: AdapterConfig): ReplyAdapter {
  const headers = (req: ReplyRequest) => ({
    Authorization: `Bearer ${req.credentials.accessToken}`,
    "Content-Type": "application/json",
  });
  const messages = (req: ReplyRequest) => [{ type: "text", text: req.text }];

  async function byToken(req: ReplyRequest): Promise<PublishOutcome | "expired"> {
    await req.saveState({ ...req.state, via: "reply" });
    const res = await http(
      joinUrl(cfg.baseUrl, "/v2/bot/message/reply"),
      {
        method: "POST",
        headers: headers(req),
        body: JSON.stringify({ replyToken: req.target.lineReplyToken, messages: messages(req) }),
      },
      cfg.timeoutMs,
    );
    if (res.kind === "network")
      return res.maybeSent
        ? { kind: "unknown", message: res.message, state: { via: "reply" } }
        : { kind: "transient", message: res.message };
    // A token LINE no longer takes sent nothing: the push below answers instead.
    if (res.status === 400 && /reply token/i.test(res.text)) return "expired";
    if (res.status >= 500) return { kind: "unknown", message: `HTTP ${res.status}`, state: { via: "reply" } };
    if (res.status >= 300) return classifyLine(res, cfg.rateLimitFallbackMs);
    return { kind: "published", platformPostId: res.headers.get("x-line-request-id") ?? req.replyId, url: null };
  }

  async function push(req: ReplyRequest, now = Date.now()): Promise<PublishOutcome> {
    const to = req.target.authorExternalId;
    if (!to) return { kind: "permanent", message: "LINE gave no user id for this message: a push cannot reach them" };
    const first = since(req.state);
    if (first !== null && now - first > RETRY_KEY_TRUSTED_MS)
      return {
        kind: "unknown",
        message:
          "An earlier push may have reached LINE more than 23 hours ago; its retry key no longer protects a resend",
        state: req.state,
      };
    const state = { ...req.state, via: "push", retryKeySince: first ?? now };
    if (first === null) await req.saveState(state);
    const res = await http(
      joinUrl(cfg.baseUrl, "/v2/bot/message/push"),
      {
        method: "POST",
        headers: { ...headers(req), "X-Line-Retry-Key": req.replyId },
        body: JSON.stringify({ to, messages: messages(req) }),
      },
      cfg.timeoutMs,
    );
    if (res.kind === "network")
      return res.maybeSent
        ? { kind: "unknown", message: res.message, state }
        : { kind: "transient", message: res.message };
    if (res.status === 409) {
      const accepted = res.headers.get("x-line-accepted-request-id");
      if (accepted) return { kind: "published", platformPostId: accepted, url: null };
    }
    // With the retry key a 5xx stays "transient": sending again with the same key cannot send twice.
    if (res.status >= 300) return classifyLine(res, cfg.rateLimitFallbackMs);
    return { kind: "published", platformPostId: res.headers.get("x-line-request-id") ?? req.replyId, url: null };
  }

  const tokenFresh = (req: ReplyRequest) =>
    !!req.target.lineReplyToken &&
    !!req.target.lineReplyTokenAt &&
    Date.now() - req.target.lineReplyTokenAt.getTime() < REPLY_TOKEN_TRUSTED_MS &&
    req.state.via === undefined;

  return {
    async send(req) {
      if (tokenFresh(req)) {
        const r = await byToken(req);
        if (r !== "expired") return r;
        req.state = {};
      }
      return push(req);
    },

    async check(req): Promise<StatusOutcome> {
      // Only a push can be asked again (its retry key); a reply token was spent by the first try.
      if (req.state.via !== "push") return { kind: "unsupported" };
      const first = since(req.state);
      if (first !== null && Date.now() - first > RETRY_KEY_TRUSTED_MS) return { kind: "unsupported" };
      const r = await push(req);
      if (r.kind === "published") return { kind: "published", platformPostId: r.platformPostId, url: null };
      if (r.kind === "permanent") return { kind: "absent", state: {} };
      return { kind: "pending", message: "message" in r ? r.message : "" };
    },
  };
}

import type { AccessCredentials, AccountRef, PlatformState, PublishOutcome, StatusOutcome } from "@/platforms/types";

// Public replies (issue 16 item 5, docs/platforms.md "Public replies"): the one interface every platform's
// reply code implements. Outcomes are publishing's (PublishOutcome): "published" means the reply is out.

export type ReplyTarget = {
  kind: "COMMENT" | "MENTION" | "MESSAGE";
  /** The platform's id of the comment, mention or message being answered. */
  externalId: string;
  /** The top-level comment when the item is itself a reply to a comment (Instagram, YouTube, Facebook). */
  parentCommentId: string | null;
  /**
   * Instagram: a mention of the account on another user's media, answered through POST /{ig-user-id}/mentions
   * (the media it was made on; in a comment there, or in the media's caption).
   */
  mention: { mediaId: string; in: "comment" | "caption" } | null;
  /** The citizen's id on the platform (a LINE push goes to it). */
  authorExternalId: string | null;
  /** LINE: the webhook's reply token and when the message arrived (the token works once, within a minute). */
  lineReplyToken: string | null;
  lineReplyTokenAt: Date | null;
};

export type ReplyRequest = {
  /** Stable per reply (a UUID): LINE's retry key for a push, so a blind retry cannot send twice. */
  replyId: string;
  account: AccountRef;
  credentials: AccessCredentials;
  text: string;
  target: ReplyTarget;
  state: PlatformState;
  saveState: (state: PlatformState) => Promise<void>;
};

export interface ReplyAdapter {
  send(req: ReplyRequest): Promise<PublishOutcome>;
  /** After an unanswered send: is the reply out ("published"), certainly not ("absent"), or unknown? */
  check(req: ReplyRequest): Promise<StatusOutcome>;
}

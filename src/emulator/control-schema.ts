import { z } from "zod";

// The emulator's control API (/__control), shared by the emulator and the test helpers so both
// sides agree on the shapes. Platform keys are the path prefixes the emulator serves.

export const emulatedPlatforms = ["x", "facebook", "instagram", "line", "youtube", "tiktok"] as const;
export const emulatedPlatform = z.enum(emulatedPlatforms);
export type EmulatedPlatform = z.infer<typeof emulatedPlatform>;

export const faultSchema = z.object({
  platform: emulatedPlatform,
  /** Platform account id (page id, IG user id, or the account behind the token); all accounts if absent. */
  account: z.string().optional(),
  /**
   * server_error: a 5xx before anything was created; *_after_accept: the platform created the post and then
   * hung (timeout), answered a 5xx, or dropped the connection; unauthorized: the token stops working here.
   */
  kind: z.enum([
    "rate_limit",
    "server_error",
    "permanent",
    "timeout_after_accept",
    "server_error_after_accept",
    "drop_after_accept",
    "unauthorized",
    "slow",
  ]),
  /**
   * The route it strikes ("platform METHOD route", as in the hits); without one, the call that creates the
   * post. A routed fault reaches the calls around it: media uploads, status polls, container creation.
   */
  route: z.string().optional(),
  /** rate_limit: when the platform says the limit resets. */
  resetInMs: z.number().int().min(0).default(1_000),
  /** server_error: the HTTP status. */
  status: z.number().int().min(500).max(599).default(503),
  /** slow: added latency; timeout_after_accept: how long the accepted request hangs before answering. */
  delayMs: z.number().int().min(0).default(60_000),
  /** How many matching requests the fault applies to. */
  times: z.number().int().min(1).default(1),
});
export type Fault = z.infer<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

export const tokenActionSchema = z.object({
  platform: emulatedPlatform,
  account: z.string().min(1),
  /** expire: current access tokens stop working, refresh still works; revoke: refresh fails too. */
  action: z.enum(["expire", "revoke"]),
});
export type TokenAction = z.infer<typeof tokenActionSchema>;

export const configSchema = z.object({
  /** Enforce the platforms' publishing limits (off for benchmarks). */
  limits: z.boolean().optional(),
  /** Latency added to every platform request. */
  latencyMs: z.number().int().min(0).optional(),
  /** Status polls a video spends "processing" before it is ready. */
  processingPolls: z.number().int().min(0).optional(),
  /**
   * TikTok's moderation of a public video: after PUBLISH_COMPLETE, this many status answers still carry an
   * empty `publicaly_available_post_id` (TikTok gives the post id only once moderation passed).
   */
  moderationPolls: z.number().int().min(0).optional(),
  /** The same in time: the ids stay hidden until this long after the video completed. */
  moderationMs: z.number().int().min(0).optional(),
  /**
   * How X spells its post lookups: "post" as its newest reference (`post.fields`, `repost_count`),
   * "tweet" as the older one (`tweet.fields`, `retweet_count`). X refuses the parameter it does not know.
   */
  xSpelling: z.enum(["post", "tweet"]).optional(),
});
export type EmulatorConfig = Required<z.infer<typeof configSchema>>;

/**
 * Siar running beside the emulator (src/emulator/media-fetch.ts): media URLs under `origin` are read from
 * `mediaDir`, and that origin may be plain http where LINE requires HTTPS. `null` relaxes nothing.
 */
export const localAppSchema = z.object({
  localApp: z.object({ origin: z.url(), mediaDir: z.string().min(1) }).nullable(),
});

/** An app registered with a platform: what its authorization server checks. */
export const oauthClientSchema = z.object({
  platform: emulatedPlatform,
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Exact redirect URIs; anything else is refused without a redirect. */
  redirectUris: z.array(z.url()).min(1),
  name: z.string().default("Siar"),
});
export type OauthClient = z.infer<typeof oauthClientSchema>;

/** An account the platform's consent page offers to pick. */
export const oauthAccountSchema = z.object({
  platform: emulatedPlatform,
  id: z.string().min(1),
  username: z.string().min(1),
  name: z.string().min(1),
  /** false: an account that cannot publish there (a Google account without a YouTube channel). */
  publishes: z.boolean().default(true),
  /** Instagram: BUSINESS or MEDIA_CREATOR (professional) or PERSONAL. */
  accountType: z.enum(["BUSINESS", "MEDIA_CREATOR", "PERSONAL"]).default("BUSINESS"),
  /** Facebook: the Pages this person manages; CREATE_CONTENT in `tasks` lets them post. */
  pages: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        username: z.string().optional(),
        tasks: z.array(z.string()).default(["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]),
      }),
    )
    .default([]),
  /** LINE: the channel's id and secret (to issue tokens) and a long-lived token from its console. */
  channelId: z.string().optional(),
  channelSecret: z.string().optional(),
  accessToken: z.string().optional(),
});
export type OauthAccount = z.input<typeof oauthAccountSchema>;

export const clockSchema = z.object({ advanceMs: z.number().int().min(0) });

/** GET /__control/count: answer at once, or once `atLeast` posts arrived (at most `waitMs` later). */
export const countQuerySchema = z.object({
  atLeast: z.coerce.number().int().min(0).optional(),
  waitMs: z.coerce.number().int().min(0).max(60_000).default(10_000),
});

export const arrivedPostSchema = z.object({
  id: z.string(),
  platform: emulatedPlatform,
  account: z.string(),
  text: z.string(),
  media: z.array(z.string()),
  /** SHA-256 of each uploaded file the post carries, as the bytes arrived (X media, YouTube and TikTok videos). */
  mediaSha256: z.array(z.string()).optional(),
  /** Alt text the platform holds for the post's media (X's media metadata). */
  altTexts: z.array(z.string()).optional(),
  /** Files the platform fetched by URL for the post (Instagram images, LINE originals and previews), as they arrived. */
  fetched: z
    .array(
      z.object({
        url: z.string(),
        role: z.enum(["image", "original", "preview"]),
        format: z.string(),
        bytes: z.number(),
        width: z.number().nullable(),
        height: z.number().nullable(),
      }),
    )
    .optional(),
  createdAt: z.string(),
});
export type ArrivedPost = z.infer<typeof arrivedPostSchema>;

export const arrivalsSchema = z.object({
  posts: z.array(arrivedPostSchema),
  /** How many times the same text arrived for the same account: more than 1 is a double post. */
  counts: z.array(z.object({ platform: emulatedPlatform, account: z.string(), text: z.string(), count: z.number() })),
  /** Requests per "platform METHOD route", including rejected ones. */
  hits: z.record(z.string(), z.number()),
  /** Calls refused because a platform limit window was full, per window ("line:<channel>", "youtube:app"). */
  limitRefusals: z.record(z.string(), z.number()),
});
export type Arrivals = z.infer<typeof arrivalsSchema>;

/**
 * What a citizen does on an account (src/emulator/citizens.ts): a comment on one of its posts, a mention of it, or
 * a direct/chat message, where the platform's API gives that to an official account (docs/platforms.md "Reading
 * citizens"). `postId` is the platform's id of the post commented on (one Siar published there or any other);
 * left out, a post of the account the emulator knows, or one it makes up (a post not made through Siar).
 */
export const citizenKind = z.enum(["comment", "mention", "message"]);
export type CitizenKind = z.infer<typeof citizenKind>;
export const citizenSchema = z.object({
  platform: emulatedPlatform,
  /** The account's platform id: LINE bot user id, Page id, Instagram user id, X user id, YouTube channel id. */
  account: z.string().min(1).max(200),
  kind: citizenKind,
  text: z.string().min(1).max(2_000),
  postId: z.string().min(1).max(200).optional(),
  /** A reply under another comment (Facebook, Instagram, YouTube). */
  parentCommentId: z.string().min(1).max(200).optional(),
  /**
   * Instagram mentions: the account named in a comment on some media (the default; `postId` is that media, another
   * user's) or in the caption of a citizen's own media (the item is that media). Meta's `mentions` webhook carries
   * only the ids (`comment_id` and `media_id`, or `media_id`); the words are read with the account's token.
   */
  mentionIn: z.enum(["comment", "caption"]).optional(),
  author: z
    .object({
      id: z.string().min(1).max(100),
      username: z.string().min(1).max(100),
      name: z.string().min(1).max(160),
    })
    .optional(),
  /** LINE and Meta: how the webhook is signed ("wrong": with another secret, as a forger would). */
  signature: z.enum(["valid", "wrong"]).default("valid"),
  /** LINE and Meta: how many times the same delivery is sent (a platform redelivering). */
  deliveries: z.number().int().min(1).max(5).default(1),
});
export type CitizenInput = z.input<typeof citizenSchema>;

/** Where the emulator delivers LINE and Meta webhooks and the secrets it signs them with; null: not delivered. */
export const webhooksSchema = z.object({
  line: z
    .object({ url: z.url(), channelSecret: z.string().min(1) })
    .nullable()
    .optional(),
  meta: z
    .object({ url: z.url(), appSecret: z.string().min(1) })
    .nullable()
    .optional(),
});
export type WebhookTargets = z.infer<typeof webhooksSchema>;

/** The background generator: a few citizens' items a minute on the accounts the emulator has met. */
export const generatorSchema = z.object({
  on: z.boolean(),
  perMinute: z.number().min(0.1).max(120).default(3),
});

export const webhookDeliverySchema = z.object({ url: z.string(), status: z.number(), attempt: z.number() });
export const citizenResultSchema = z.object({
  id: z.string(),
  platform: emulatedPlatform,
  account: z.string(),
  kind: citizenKind,
  postId: z.string().nullable(),
  text: z.string(),
  /** The webhook deliveries made for it (status 0: no answer); empty where the platform is polled. */
  deliveries: z.array(webhookDeliverySchema),
});
export type CitizenResult = z.infer<typeof citizenResultSchema>;

// ---- replies (issue 16 item 5, src/emulator/replies.ts) ----

/**
 * Something a citizen wrote that the account may answer: a comment (Facebook, Instagram, YouTube), a mention
 * (X) or a chat message (LINE). The emulator refuses replies to anything it does not hold.
 */
export const replyParentSchema = z.object({
  platform: emulatedPlatform,
  /** The account it was written to (Page id, Instagram user id, channel id, X user id, LINE bot). */
  account: z.string().min(1),
  /** The platform's id of the comment, mention or message. */
  id: z.string().min(1),
  /** The citizen (X user id, LINE user id …). */
  author: z.string().min(1).optional(),
  /** The top-level comment this one replies to, when it is itself a reply (Instagram, YouTube, Facebook). */
  topLevelId: z.string().min(1).optional(),
  /** Instagram cannot reply to a hidden comment. */
  hidden: z.boolean().default(false),
  /** LINE: issue a reply token for this message, as the webhook event would carry (single use, about a minute). */
  lineReplyToken: z.boolean().default(false),
});
export type ReplyParentInput = z.input<typeof replyParentSchema>;

export const repliesQuerySchema = z.object({
  platform: emulatedPlatform.optional(),
  /** The comment or message the replies are attached to (LINE push: none; use `to`). */
  parent: z.string().optional(),
  /** LINE: the user a push went to. */
  to: z.string().optional(),
});

export const emulatedReplySchema = z.object({
  id: z.string(),
  platform: emulatedPlatform,
  account: z.string(),
  /** The comment or message it is attached to; null for a LINE push (attached to a user, not a message). */
  parentId: z.string().nullable(),
  /** LINE: the user it went to. */
  to: z.string().nullable(),
  /** Instagram: "mention" for an answer through POST /{ig-user-id}/mentions. */
  via: z.enum(["reply", "push", "mention"]),
  text: z.string(),
  createdAt: z.string(),
});
export type EmulatedReply = z.infer<typeof emulatedReplySchema>;
export const repliesSchema = z.object({ replies: z.array(emulatedReplySchema) });

import type { Platform } from "@/generated/prisma/enums";
import type { RuleIssue } from "@/platforms/rules";

// The one interface every platform adapter implements. Adapters know nothing of queues, the
// database or the UI: they get decrypted credentials, content and a base URL, and return an outcome.

export type MediaKind = "IMAGE" | "GIF" | "VIDEO";

export type PublishMedia = {
  kind: MediaKind;
  mimeType: string;
  /** Public URL the platform fetches the file from (Facebook, Instagram, LINE). */
  url: string;
  /** Local file for platforms that take the bytes (X, YouTube, TikTok). */
  filePath: string;
  sizeBytes: number;
  altText: string | null;
  /** LINE: a smaller copy to show before the tap, when the file itself is over LINE's 1 MB for previews. */
  preview?: { url: string; sizeBytes: number };
};

export type PublishContent = {
  text: string;
  /** YouTube needs a title; others ignore it. */
  title: string | null;
  media: PublishMedia[];
};

export type Credentials = {
  accessToken: string;
  refreshToken: string | null;
};

/** What a call on the account's behalf needs: the access token alone. The refresh token is read and
 * decrypted only where a token is refreshed (src/server/publishing/refresh-account-token.ts). */
export type AccessCredentials = Pick<Credentials, "accessToken">;

export type AccountRef = { platformAccountId: string; handle: string };

/** What an adapter learned mid-publish and must survive a crash (stored on PostTarget.platformState). */
export type PlatformState = Record<string, string | number | boolean | null>;

export type AdapterConfig = {
  baseUrl: string;
  /** Token endpoint host where it differs from the API host (Google). */
  oauthBaseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** How long one HTTP call may take before its outcome is treated as unknown. */
  timeoutMs: number;
  /** Pause between status polls (Instagram containers, TikTok publishing, X media processing). */
  pollIntervalMs: number;
  /** Polls before giving up and leaving the result for the confirm step. */
  maxPolls: number;
  /** Wait after a 429 that names no reset time (LINE, TikTok, some Google and Meta answers). */
  rateLimitFallbackMs: number;
};

export type PublishRequest = {
  /** Stable per target: LINE's retry key, and a seed for anything else that must not change across retries. */
  targetId: string;
  account: AccountRef;
  credentials: AccessCredentials;
  content: PublishContent;
  /** State saved by an earlier attempt (e.g. an Instagram container that is ready to publish). */
  state: PlatformState;
  /** Persist state before the risky call, so a crash after it can be checked instead of repeated. */
  saveState: (state: PlatformState) => Promise<void>;
};

export type PublishOutcome =
  /** `platformPostId: null`: the post is out and the platform names it later (TikTok, after moderation). */
  | { kind: "published"; platformPostId: string | null; url: string | null }
  | { kind: "rate_limited"; retryAt: Date; message: string }
  | { kind: "transient"; message: string }
  | { kind: "auth"; message: string }
  | { kind: "permanent"; message: string }
  | { kind: "unknown"; message: string; state: PlatformState };

/** The answer to "did an earlier, unanswered attempt go out?" */
export type StatusOutcome =
  | { kind: "published"; platformPostId: string | null; url: string | null }
  /** Certainly not out: publishing again cannot double-post. */
  | { kind: "absent"; state: PlatformState }
  /** Still processing or the platform did not answer: ask again later. `refused` says why it did not answer. */
  | { kind: "pending"; message: string; refused?: "auth" | "rate_limited" }
  /** The platform cannot be asked: a person must look. */
  | { kind: "unsupported" };

export type TokenSet = {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  refreshExpiresAt: Date | null;
};

export type RefreshOutcome =
  | { kind: "refreshed"; tokens: TokenSet }
  /** The platform has no refresh for this token type, or the refresh token is dead: reconnect. */
  | { kind: "reconnect"; message: string }
  | { kind: "transient"; message: string };

export type PostMetrics = {
  platformPostId: string;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number | null;
};

export type MetricsOutcome =
  | { kind: "ok"; metrics: PostMetrics[] }
  | { kind: "failed"; error: Exclude<PublishOutcome, { kind: "published" } | { kind: "unknown" }> };

export type MetricsRequest = {
  account: AccountRef;
  credentials: Credentials;
  platformPostIds: string[];
};

export interface PlatformAdapter {
  readonly platform: Platform;
  validate(content: PublishContent): RuleIssue[];
  publish(req: PublishRequest): Promise<PublishOutcome>;
  checkStatus(req: PublishRequest): Promise<StatusOutcome>;
  fetchMetrics(req: MetricsRequest): Promise<MetricsOutcome>;
  refreshToken(account: AccountRef, credentials: Credentials): Promise<RefreshOutcome>;
}

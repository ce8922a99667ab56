import type { InteractionKind } from "@/generated/prisma/enums";
import type { AccountRef, AdapterConfig, PublishOutcome } from "@/platforms/types";

// Reading citizens' comments and mentions where a platform is polled (docs/platforms.md "Reading citizens"):
// one reader per platform, kept apart from the publishing adapters. A reader gets the account, its token, the
// cursor saved by the last poll and the account's recent posts, and answers the items it found and the next
// cursor, or why it could not read.

export type ReadItem = {
  externalId: string;
  kind: InteractionKind;
  authorExternalId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  text: string;
  /** The platform's id of the post it comments on (any post of the account, Siar's or not). */
  externalParentId: string | null;
  receivedAt: Date;
  platformData: Record<string, string> | null;
};

export type ReadRequest = {
  account: AccountRef;
  accessToken: string;
  /** What the last successful poll saved; null on the first poll. */
  cursor: string | null;
  /** Platform ids of the account's recent posts, newest first (Facebook and Instagram read per post). */
  recentPostIds: readonly string[];
  /** Takes one call from the platform's limit window; false: the window is full, make no more calls now. */
  budget: () => Promise<boolean>;
};

export type ReadFailure = Exclude<PublishOutcome, { kind: "published" } | { kind: "unknown" }>;

export type ReadOutcome =
  /** `limited`: the limit window filled before everything was read; the rest comes with a later poll. */
  { kind: "ok"; items: ReadItem[]; cursor: string | null; limited: boolean } | { kind: "failed"; error: ReadFailure };

export type InboxReader = (req: ReadRequest) => Promise<ReadOutcome>;

export type ReaderConfig = Pick<AdapterConfig, "baseUrl" | "timeoutMs" | "rateLimitFallbackMs">;

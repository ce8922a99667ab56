import path from "node:path";
import type { Platform } from "@/generated/prisma/enums";
import {
  arrivalsSchema,
  citizenResultSchema,
  type Arrivals,
  type CitizenInput,
  type CitizenResult,
  type WebhookTargets,
  type EmulatedPlatform,
  repliesSchema,
  type EmulatedReply,
  type FaultInput,
  type ReplyParentInput,
  type TokenAction,
} from "@/emulator/control-schema";
import { startEmulator, type Emulator } from "@/emulator/server";

// Starts the platform emulator in-process on a free port and talks to it through its control API,
// the same way a developer's curl would.

export const emulatorKey: Record<Platform, EmulatedPlatform> = {
  X: "x",
  FACEBOOK_PAGE: "facebook",
  INSTAGRAM: "instagram",
  LINE_OA: "line",
  YOUTUBE: "youtube",
  TIKTOK: "tiktok",
};

export type TestEmulator = {
  emulator: Emulator;
  url: string;
  baseUrls: Record<Platform, string>;
  googleOauthBaseUrl: string;
  fault: (f: FaultInput) => Promise<void>;
  tokens: (a: TokenAction) => Promise<void>;
  config: (c: {
    limits?: boolean;
    latencyMs?: number;
    processingPolls?: number;
    moderationPolls?: number;
    moderationMs?: number;
    xSpelling?: "post" | "tweet";
  }) => Promise<void>;
  advanceClock: (ms: number) => Promise<void>;
  arrivals: (filter?: { platform?: EmulatedPlatform; account?: string }) => Promise<Arrivals>;
  /** How many posts arrived in all, without the posts themselves; with `atLeast`, once that many
   * arrived (or `waitMs` passed), so a test need not ask again and again. */
  arrivedCount: (wait?: { atLeast: number; waitMs: number }) => Promise<number>;
  /** How many times this exact text arrived for the account. */
  countOf: (platform: Platform, account: string, text: string) => Promise<number>;
  /** A citizen comments, mentions or writes on an account; resolves after its webhook deliveries (if any). */
  citizen: (c: CitizenInput) => Promise<CitizenResult>;
  /** Where LINE and Meta webhooks go, and the secrets they are signed with. */
  webhooks: (w: WebhookTargets) => Promise<void>;
  /** Something a citizen wrote that Siar may answer; a LINE message can come with a reply token. */
  replyParent: (p: ReplyParentInput) => Promise<{ replyToken: string | null }>;
  /** The replies the platform holds, attached to a comment or message (`parent`) or pushed to a user (`to`). */
  replies: (filter: { platform?: EmulatedPlatform; parent?: string; to?: string }) => Promise<EmulatedReply[]>;
  close: () => Promise<void>;
};

/**
 * The emulator knows Siar as its local app (src/emulator/media-fetch.ts): media under PUBLIC_BASE_URL are read
 * from MEDIA_DIR, as the app of the test would serve them (the tests run no web server). `localApp: null`
 * relaxes nothing.
 */
export async function startTestEmulator(
  options: { localApp?: { origin: string; mediaDir: string } | null } = {},
): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0 });
  emulator.state.localApp =
    options.localApp !== undefined
      ? options.localApp
      : {
          origin: process.env.PUBLIC_BASE_URL ?? "http://127.0.0.1:3000",
          mediaDir: path.resolve(process.env.MEDIA_DIR ?? "./var/media"),
        };
  const url = emulator.url;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/__control${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Emulator control ${method} ${path} failed: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const arrivals = async (filter: { platform?: string; account?: string } = {}) => {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
    return arrivalsSchema.parse(await control("GET", `/posts?${q}`));
  };
  return {
    emulator,
    url,
    baseUrls: {
      X: `${url}/x`,
      FACEBOOK_PAGE: `${url}/facebook`,
      INSTAGRAM: `${url}/instagram`,
      LINE_OA: `${url}/line`,
      YOUTUBE: `${url}/youtube`,
      TIKTOK: `${url}/tiktok`,
    },
    googleOauthBaseUrl: `${url}/google-oauth`,
    fault: async (f) => void (await control("POST", "/faults", f)),
    tokens: async (a) => void (await control("POST", "/tokens", a)),
    config: async (c) => void (await control("POST", "/config", c)),
    advanceClock: async (ms) => void (await control("POST", "/clock", { advanceMs: ms })),
    arrivals,
    arrivedCount: async (wait) =>
      (
        (await control("GET", wait ? `/count?atLeast=${wait.atLeast}&waitMs=${wait.waitMs}` : "/count")) as {
          posts: number;
        }
      ).posts,
    countOf: async (platform, account, text) => {
      const a = await arrivals({ platform: emulatorKey[platform], account });
      return a.counts.find((c) => c.text === text)?.count ?? 0;
    },
    citizen: async (c) => citizenResultSchema.parse(await control("POST", "/citizens", c)),
    webhooks: async (w) => void (await control("POST", "/webhooks", w)),
    replyParent: async (p) => (await control("POST", "/reply-parents", p)) as { replyToken: string | null },
    replies: async (filter) => {
      const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
      return repliesSchema.parse(await control("GET", `/replies?${q}`)).replies;
    },
    close: () => emulator.close(),
  };
}

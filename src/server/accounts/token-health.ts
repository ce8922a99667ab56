import "server-only";
import { z } from "zod";
import type { Platform } from "@/generated/prisma/enums";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";

// Token health (docs/decisions/0008-real-platforms.md): which accounts keep their access by themselves and
// which need a person to connect them again, listed a week before they stop working.

/** How long ahead an expiry that nobody can renew automatically is shown. */
const RECONNECT_NOTICE_MS = 7 * 24 * 3_600_000;

/** Refreshed with the stored refresh token (X and TikTok rotate it). */
const WITH_REFRESH_TOKEN: Platform[] = ["X", "YOUTUBE", "TIKTOK"];
/** Renews its own access token while it is still valid (Instagram's 60-day token). */
const SELF_RENEWING: Platform[] = ["INSTAGRAM"];
/** Nothing to refresh with: a Page token or a LINE channel token is replaced by a person. */
const NEVER_REFRESHED: Platform[] = ["FACEBOOK_PAGE", "LINE_OA"];

/** Whether this account's access renews without a person (from the platform and whether a refresh token is stored). */
export function refreshesItself(platform: Platform, hasRefreshToken: boolean): boolean {
  if (WITH_REFRESH_TOKEN.includes(platform)) return hasRefreshToken;
  return SELF_RENEWING.includes(platform);
}

/**
 * Which of these accounts renew their access without a person, read without touching a token: whether a
 * refresh token is stored is asked of the database, never loaded.
 */
export async function renewingAccounts(rows: readonly { id: string; platform: Platform }[]): Promise<Set<string>> {
  const withToken = rows.filter((r) => WITH_REFRESH_TOKEN.includes(r.platform)).map((r) => r.id);
  const stored =
    withToken.length === 0
      ? []
      : await db.socialAccount.findMany({
          where: { id: { in: withToken }, refreshTokenEnc: { not: null } },
          select: { id: true },
        });
  const has = new Set(stored.map((s) => s.id));
  return new Set(rows.filter((r) => refreshesItself(r.platform, has.has(r.id))).map((r) => r.id));
}

type ReconnectReason = "refused" | "expired" | "expiresSoon";

export type AccountToReconnect = Awaited<ReturnType<typeof listAccountsToReconnect>>[number];

/**
 * Accounts in the reader's subtree that need a person: refused by the platform, or ending within a week.
 * `unitId` narrows it to that unit's subtree (the registry's unit filter); an unknown id narrows to nothing.
 */
export async function listAccountsToReconnect(actor: Actor, now = new Date(), take = 20, unitId?: string) {
  const soon = new Date(now.getTime() + RECONNECT_NOTICE_MS);
  const within = unitId === undefined ? null : z.string().uuid().safeParse(unitId);
  const root = within?.success
    ? await db.unit.findUnique({ where: { id: within.data }, select: { path: true } })
    : null;
  if (within && !root) return [];
  const rows = await db.socialAccount.findMany({
    where: {
      unit: root
        ? { AND: [unitScope(actor, "account.read"), { path: { startsWith: root.path } }] }
        : unitScope(actor, "account.read"),
      status: { not: "DISABLED" },
      OR: [
        { status: "NEEDS_RECONNECT", credentialsUpdatedAt: { not: null } },
        { tokenExpiresAt: { lte: soon }, platform: { in: NEVER_REFRESHED } },
        { tokenExpiresAt: { lte: soon }, platform: { in: WITH_REFRESH_TOKEN }, refreshTokenEnc: null },
        // A self-renewing token that already lapsed cannot renew any more.
        { tokenExpiresAt: { lte: now }, platform: { in: SELF_RENEWING } },
      ],
    },
    // Never the token columns: only what the page shows.
    select: {
      id: true,
      platform: true,
      handle: true,
      status: true,
      tokenExpiresAt: true,
      unit: { select: { name: true, timeZone: true } },
    },
    orderBy: [{ tokenExpiresAt: { sort: "asc", nulls: "first" } }, { handle: "asc" }],
    take,
  });
  return rows.map((r) => {
    const reason: ReconnectReason =
      r.status === "NEEDS_RECONNECT"
        ? "refused"
        : r.tokenExpiresAt && r.tokenExpiresAt <= now
          ? "expired"
          : "expiresSoon";
    return { ...r, reason };
  });
}

import "server-only";
import { z } from "zod";
import { pickPagesSchema, type ConnectRefusal } from "@/schemas/connect";
import { actorCan, type Actor } from "@/server/auth/actor";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { register } from "@/server/accounts/connect/finish-connection";
import { unitSelect } from "@/server/units/unit-access";

// Facebook's step three: the person came back with the Pages they manage; the operator picks which to
// register under the unit chosen at the start. The Pages wait sealed in the connection row, for this person
// only, ten minutes at most, and are erased the moment the pick is made (once).

/** How long after the return from Facebook the pick stays open. */
const PICK_LIFETIME_MS = 10 * 60_000;

const pendingPages = z.array(
  z.object({
    platformAccountId: z.string(),
    handle: z.string(),
    displayName: z.string(),
    canPost: z.boolean(),
    tokens: z.object({ accessToken: z.string() }),
  }),
);

async function openPick(actor: Actor, connectionId: unknown, now: Date) {
  const parsed = z.uuid().safeParse(connectionId);
  if (!parsed.success) return null;
  const row = await db.oauthConnection.findUnique({ where: { id: parsed.data } });
  if (!row || row.userId !== actor.id || row.platform !== "FACEBOOK_PAGE") return null;
  if (!row.pendingAccountsEnc || row.pickedAt || !row.usedAt) return null;
  if (row.usedAt.getTime() + PICK_LIFETIME_MS <= now.getTime()) return null;
  const pages = pendingPages.safeParse(JSON.parse(open(row.pendingAccountsEnc)));
  if (!pages.success) return null;
  const unit = await db.unit.findUniqueOrThrow({ where: { id: row.unitId }, select: unitSelect });
  if (!actorCan(actor, "account.link", unit)) return null;
  return { row, unit, pages: pages.data };
}

export type PageChoice = {
  id: string;
  name: string;
  handle: string;
  canPost: boolean;
  /** Already in the registry: under this unit (a reconnect) or another one (refused). */
  registeredUnder: { unitName: string; here: boolean } | null;
};

/** The Pages to pick from, without their tokens; null when the pick is not (or no longer) open to this person. */
export async function listPendingPages(actor: Actor, connectionId: unknown, now = new Date()) {
  const pick = await openPick(actor, connectionId, now);
  if (!pick) return null;
  const registered = await db.socialAccount.findMany({
    where: { platform: "FACEBOOK_PAGE", platformAccountId: { in: pick.pages.map((p) => p.platformAccountId) } },
    select: { platformAccountId: true, unitId: true, unit: { select: { name: true } } },
  });
  const choices: PageChoice[] = pick.pages.map((p) => {
    const r = registered.find((x) => x.platformAccountId === p.platformAccountId);
    return {
      id: p.platformAccountId,
      name: p.displayName,
      handle: p.handle,
      canPost: p.canPost,
      registeredUnder: r ? { unitName: r.unit.name, here: r.unitId === pick.unit.id } : null,
    };
  });
  return { unit: { id: pick.unit.id, name: pick.unit.name }, pages: choices };
}

type PickResult = { connected: string[]; refused: { pageId: string; reason: ConnectRefusal }[] };

/** Registers (or reconnects) the picked Pages, each with its own Page token; the rest are forgotten. */
export async function registerPickedPages(actor: Actor, input: unknown, now = new Date()): Promise<PickResult> {
  const data = pickPagesSchema.parse(input);
  const pick = await openPick(actor, data.connectionId, now);
  if (!pick) throw new AppError("VALIDATION", "connect.refused.stateUsed");
  const chosen = pick.pages.filter((p) => data.pageIds.includes(p.platformAccountId) && p.canPost);
  if (chosen.length === 0) throw new AppError("VALIDATION", "validation", { pageIds: "connectNoPagePicked" });
  // Once: of two submissions only one gets past here, and the tokens of the Pages not picked are erased.
  const claimed = await db.oauthConnection.updateMany({
    where: { id: pick.row.id, pickedAt: null },
    data: { pickedAt: now, pendingAccountsEnc: null },
  });
  if (claimed.count !== 1) throw new AppError("VALIDATION", "connect.refused.stateUsed");
  const result: PickResult = { connected: [], refused: [] };
  for (const page of chosen) {
    const outcome = await register(
      actor,
      "FACEBOOK_PAGE",
      pick.unit,
      {
        platformAccountId: page.platformAccountId,
        handle: page.handle,
        displayName: page.displayName,
        // A Page token read with a long-lived user token does not expire.
        tokens: { accessToken: page.tokens.accessToken, refreshToken: null, expiresAt: null, refreshExpiresAt: null },
      },
      now,
    );
    if (outcome.kind === "connected") result.connected.push(outcome.accountId);
    else if (outcome.kind === "refused")
      result.refused.push({ pageId: page.platformAccountId, reason: outcome.reason });
  }
  return result;
}

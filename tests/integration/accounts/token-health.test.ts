import { beforeAll, expect, it } from "vitest";
import type { Platform } from "@/generated/prisma/client";
import { seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { listAccountsToReconnect, refreshesItself } from "@/server/accounts/token-health";
import { loadHomeSummary } from "@/server/home/load-home-summary";
import { createAccount } from "../../factories/accounts";
import { makeWorld, type World } from "./world";

// Token health: the accounts a person must connect again, a week before they stop working. Tokens that
// renew themselves (a refresh token, Instagram's self-refresh) are not listed; a platform's refusal is.

let w: World;
const DAY = 24 * 3_600_000;
const now = new Date();

beforeAll(async () => {
  w = await makeWorld();
});

async function account(
  platform: Platform,
  handle: string,
  opts: { expiresInMs: number; refresh?: boolean; status?: "ACTIVE" | "NEEDS_RECONNECT" | "DISABLED"; unitId?: string },
) {
  const a = await createAccount(db, { unitId: opts.unitId ?? w.units.polresA.id, platform, handle: w.handle(handle) });
  return db.socialAccount.update({
    where: { id: a.id },
    data: {
      status: opts.status ?? "ACTIVE",
      accessTokenEnc: seal("access"),
      refreshTokenEnc: opts.refresh ? seal("refresh") : null,
      tokenExpiresAt: new Date(now.getTime() + opts.expiresInMs),
      credentialsUpdatedAt: now,
    },
  });
}

it("lists refused accounts and those ending within 7 days that cannot renew themselves, soonest first, in the reader's subtree", async () => {
  const listed = [
    await account("FACEBOOK_PAGE", "fb_revoked", { expiresInMs: 300 * DAY, status: "NEEDS_RECONNECT" }),
    await account("LINE_OA", "line_5d", { expiresInMs: 5 * DAY }),
    await account("X", "x_no_refresh_3d", { expiresInMs: 3 * DAY }),
    await account("INSTAGRAM", "ig_lapsed", { expiresInMs: -DAY }),
  ];
  const quiet = [
    await account("X", "x_refresh_2h", { expiresInMs: 2 * 3_600_000, refresh: true }),
    await account("TIKTOK", "tt_refresh_1d", { expiresInMs: DAY, refresh: true }),
    await account("INSTAGRAM", "ig_10d", { expiresInMs: 3 * DAY }),
    await account("LINE_OA", "line_20d", { expiresInMs: 20 * DAY }),
    await account("LINE_OA", "line_disabled", { expiresInMs: DAY, status: "DISABLED" }),
    await account("LINE_OA", "line_other_subtree", { expiresInMs: DAY, unitId: w.units.polresB.id }),
  ];
  const found = await listAccountsToReconnect(w.adminA, now, 100);
  const ids = found.map((a) => a.id);
  for (const a of listed) expect(ids).toContain(a.id);
  for (const a of quiet) expect(ids).not.toContain(a.id);
  const reasons = Object.fromEntries(found.map((a) => [a.handle, a.reason]));
  expect(reasons).toMatchObject({
    [w.handle("fb_revoked")]: "refused",
    [w.handle("line_5d")]: "expiresSoon",
    [w.handle("x_no_refresh_3d")]: "expiresSoon",
    [w.handle("ig_lapsed")]: "expired",
  });
  // Soonest first: the lapsed Instagram token before the X token ending in 3 days, before LINE in 5.
  const order = found
    .map((a) => a.handle)
    .filter((h) => [w.handle("ig_lapsed"), w.handle("x_no_refresh_3d"), w.handle("line_5d")].includes(h));
  expect(order).toEqual([w.handle("ig_lapsed"), w.handle("x_no_refresh_3d"), w.handle("line_5d")]);
  // Nothing secret leaves: the rows carry no token column.
  expect(JSON.stringify(found)).not.toContain("v1:");
  // The home page gets the same list; an ADMIN of the other Polda sees none of these.
  expect((await loadHomeSummary(w.adminA)).toReconnect.map((a) => a.id)).toEqual(
    expect.arrayContaining(listed.map((a) => a.id)),
  );
  const other = (await listAccountsToReconnect(w.adminB, now, 100)).map((a) => a.id);
  for (const a of listed) expect(other).not.toContain(a.id);
});

it("says which platforms renew access by themselves", () => {
  expect(refreshesItself("X", true)).toBe(true);
  expect(refreshesItself("X", false)).toBe(false);
  expect(refreshesItself("YOUTUBE", true)).toBe(true);
  expect(refreshesItself("TIKTOK", false)).toBe(false);
  expect(refreshesItself("INSTAGRAM", false)).toBe(true);
  expect(refreshesItself("FACEBOOK_PAGE", true)).toBe(false);
  expect(refreshesItself("LINE_OA", false)).toBe(false);
});

it("narrows the list to the unit the registry is filtered on, within the reader's subtree", async () => {
  const inPolres = await account("LINE_OA", "line_polres_2d", { expiresInMs: 2 * DAY });
  const inPolsek = await account("LINE_OA", "line_polsek_2d", { expiresInMs: 2 * DAY, unitId: w.units.polsekA.id });
  const inPolda = await account("FACEBOOK_PAGE", "fb_polda_refused", {
    expiresInMs: 300 * DAY,
    status: "NEEDS_RECONNECT",
    unitId: w.units.poldaA.id,
  });
  const ids = async (unitId?: string) => (await listAccountsToReconnect(w.adminA, now, 100, unitId)).map((a) => a.id);
  // The Polres and the Polsek below it; not the Polda's own account.
  const polres = await ids(w.units.polresA.id);
  expect(polres).toEqual(expect.arrayContaining([inPolres.id, inPolsek.id]));
  expect(polres).not.toContain(inPolda.id);
  expect(await ids(w.units.polsekA.id)).toEqual([inPolsek.id]);
  expect(await ids(w.units.poldaA.id)).toEqual(expect.arrayContaining([inPolres.id, inPolsek.id, inPolda.id]));
  // Another Polda's unit shows nothing of it to this reader, nor does an unknown or malformed id.
  expect(await ids(w.units.polresB.id)).toEqual([]);
  expect(await ids("00000000-0000-4000-8000-000000000000")).toEqual([]);
  expect(await ids("bukan-uuid")).toEqual([]);
});

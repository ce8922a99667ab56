import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { isoToDay } from "@/server/engagement/days";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { dispositionFigures } from "@/server/interactions/disposition-figures";
import { rollupResponses } from "@/server/interactions/response-rollup";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";
import { loadBoard } from "@/server/leaderboard/load-board";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { account, target } from "../engagement/world";

// Responsivitas counts a citizen's item on the same day, and so in the same period, as a post published at
// that instant on the same account (decision 0004: local calendar days of the account's unit, WIB, WITA,
// WIT). The board's period is a set of calendar days; "today" of a preset is Jakarta's. The first hour of a
// WITA day (00:00–01:00 WITA is 23:00–24:00 WIB of the day before) and the first two of a WIT day are where
// a Jakarta clock and the unit's own disagree: an item there must fall where the unit's post falls.

let root: Unit;
let wita: Unit;
let satlantas: Unit;
let wit: Unit;
let witaAcc: SocialAccount;
let witAcc: SocialAccount;
let leadership: Actor;
const H = 3_600_000;

async function itemAndPost(acc: SocialAccount, at: string) {
  const receivedAt = new Date(at);
  // Answered in public an hour later: in time, whatever its category.
  const item = await db.interaction.create({
    data: {
      id: randomUUID(),
      platform: acc.platform,
      externalId: `localday_${randomUUID()}`,
      accountId: acc.id,
      unitId: acc.unitId,
      kind: "COMMENT",
      authorHandle: "warga",
      text: "Mohon info",
      receivedAt,
      category: "PERTANYAAN",
      state: "REPLIED",
      firstReplyAt: new Date(receivedAt.getTime() + H),
      resolvedAt: new Date(receivedAt.getTime() + H),
    },
  });
  const author = await createUser(db, { memberships: [{ unitId: acc.unitId, role: "ADMIN" }] });
  await target(author, acc, { scheduledAt: receivedAt });
  return { item, author };
}

/** Per unit of the board: posts published and citizens' items decided in the period and in the one before. */
async function board(period: Record<string, string>, now: Date) {
  const b = await loadBoard(leadership, { view: "units", parent: root.id, ...period } as never, now);
  return Object.fromEntries(
    b.rows.map((r) => [
      r.name,
      { posts: r.cur.published, items: r.cur.responsesDue, before: [r.prev.published, r.prev.responsesDue] },
    ]),
  );
}

beforeAll(async () => {
  root = await createUnit(db, { name: "Polda Hari Lokal", kind: "Polda", timeZone: "Asia/Jakarta" });
  wita = await createUnit(db, { name: "Polres Hari WITA", kind: "Polres", parent: root, timeZone: "Asia/Makassar" });
  wit = await createUnit(db, { name: "Polres Hari WIT", kind: "Polres", parent: root, timeZone: "Asia/Jayapura" });
  satlantas = await createUnit(db, { name: "Satlantas Hari WITA", kind: FUNCTION_UNIT_KIND, parent: wita });
  witaAcc = await account(wita, "INSTAGRAM");
  witAcc = await account(wit, "INSTAGRAM");
  leadership = (await loadActor(
    (await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] })).id,
  ))!;
  // 00:30 local on 1 November (the first day of the period below; 23:30 and 22:30 WIB on 31 October) and on
  // 21 November (the day after its last; 23:30 and 22:30 WIB on 20 November).
  const first = await itemAndPost(witaAcc, "2026-10-31T16:30:00Z");
  // Forwarded to the Polres's Satlantas at once, 00:30 WITA on 1 November, and answered an hour later.
  await db.disposition.create({
    data: {
      id: randomUUID(),
      interactionId: first.item.id,
      fromUnitId: wita.id,
      toUnitId: satlantas.id,
      createdById: first.author.id,
      createdAt: first.item.receivedAt,
      deadlineAt: new Date(first.item.receivedAt.getTime() + 24 * H),
      answer: "Sudah",
      answeredById: first.author.id,
      answeredAt: new Date(first.item.receivedAt.getTime() + H / 2),
    },
  });
  await itemAndPost(witAcc, "2026-10-31T15:30:00Z");
  await itemAndPost(witaAcc, "2026-11-20T16:30:00Z");
  await itemAndPost(witAcc, "2026-11-20T15:30:00Z");
  await syncOutcomes(db, {
    now: new Date("2026-11-25T00:00:00Z"),
    lookbackDays: 120,
    accountIds: [witaAcc.id, witAcc.id],
  });
  await rollupResponses({ now: new Date("2026-11-25T00:00:00Z"), rebuild: true });
});

describe("Responsivitas on the unit's local day", () => {
  it("counts an item at 00:30 WITA or WIT on a period's first day in the period, as the post made then", async () => {
    const b = await board({ period: "custom", from: "2026-11-01", to: "2026-11-20" }, new Date("2026-11-25T00:00:00Z"));
    // The period before (12–31 October) holds neither: on Jakarta's days both would be there instead.
    expect(b).toEqual({
      "Polres Hari WITA": { posts: 1, items: 1, before: [0, 0] },
      "Polres Hari WIT": { posts: 1, items: 1, before: [0, 0] },
    });
  });

  it("counts a disposition forwarded at 00:30 WITA on the dashboard's period's first day in that period", async () => {
    const figures = (from: string, to: string) =>
      dispositionFigures(root.path, { from: isoToDay(from), to: isoToDay(to) }, new Date("2026-11-25T00:00:00Z"));
    const counted = { unitId: satlantas.id, name: "Satlantas Hari WITA", open: 0, overdue: 0, escalated: 0 };
    expect(await figures("2026-11-01", "2026-11-20")).toEqual([
      { ...counted, forwarded: 1, answeredOnTime: 1, late: 0, medianFirstReplySeconds: 3_600 },
    ]);
    // Not in the period ending the day before (on Jakarta's clock it was still 31 October).
    expect(await figures("2026-10-12", "2026-10-31")).toEqual([]);
  });

  it("leaves an item at 00:30 local on the day after a preset's last day out of it until that day is Jakarta's too", async () => {
    // 23:45 WIB on 20 November: the 7-day preset is 14–20 November; the items and posts of 00:30 WITA and WIT
    // on the 21st are made already, on the units' 21st.
    const before = await board({ period: "7" }, new Date("2026-11-20T16:45:00Z"));
    expect(before).toEqual({
      "Polres Hari WITA": { posts: 0, items: 0, before: [0, 0] },
      "Polres Hari WIT": { posts: 0, items: 0, before: [0, 0] },
    });
    const after = await board({ period: "7" }, new Date("2026-11-20T17:15:00Z"));
    expect(after).toEqual({
      "Polres Hari WITA": { posts: 1, items: 1, before: [0, 0] },
      "Polres Hari WIT": { posts: 1, items: 1, before: [0, 0] },
    });
  });
});

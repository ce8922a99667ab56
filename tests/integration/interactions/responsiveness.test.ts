import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { InteractionCategory, InteractionState } from "@/generated/prisma/enums";
import type { SocialAccount, Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/guards";
import { loadDashboard } from "@/server/dashboard/load-dashboard";
import { db } from "@/server/db";
import { localDay } from "@/server/engagement/days";
import { rollupResponses } from "@/server/interactions/response-rollup";
import { loadBoard } from "@/server/leaderboard/load-board";
import { defaultDeadlineHours } from "@/lib/interactions";
import { createUser } from "../../factories/users";
import { account, createTree } from "../engagement/world";

// Responsivitas (issue 16 item 6, decision 0004): the roll-up of citizens' items per account and local day
// must equal what the items themselves say, computed here independently from the rows this file wrote; the
// board reads only the roll-up, so a reply sent shows on it after the next roll-up, not before.

let root: Unit;
let polresA: Unit;
let polresB: Unit;
let accA: SocialAccount;
let accA2: SocialAccount;
let accB: SocialAccount;
let leadership: Actor;
const H = 3_600_000;

type Item = {
  id: string;
  accountId: string;
  receivedAt: Date;
  category: InteractionCategory | null;
  state: InteractionState;
  firstReplyAt: Date | null;
};
const items: Item[] = [];

async function add(
  acc: SocialAccount,
  receivedAt: string,
  category: InteractionCategory | null,
  state: InteractionState,
  replyAfterHours: number | null,
) {
  const r = new Date(receivedAt);
  const it: Item = {
    id: randomUUID(),
    accountId: acc.id,
    receivedAt: r,
    category,
    state,
    firstReplyAt: replyAfterHours === null ? null : new Date(r.getTime() + replyAfterHours * H),
  };
  items.push(it);
  await db.interaction.create({
    data: {
      ...it,
      platform: acc.platform,
      externalId: `resp_${it.id}`,
      unitId: acc.unitId,
      kind: "COMMENT",
      authorHandle: "warga",
      text: "Mohon info",
      resolvedAt: it.firstReplyAt,
    },
  });
}

/** The figures straight from the items: Jakarta days, the root's hours for Pengaduan, defaults otherwise. */
function expected(now: Date, hours: Partial<Record<InteractionCategory, number>> = {}) {
  const out = new Map<string, { due: number; onTime: number; replied: number; seconds: number }>();
  for (const it of items) {
    if (it.category === "SPAM" || (it.state === "CLOSED" && !it.firstReplyAt)) continue;
    const cat = it.category ?? "PERTANYAAN";
    const deadline = it.receivedAt.getTime() + (hours[cat] ?? defaultDeadlineHours[cat]) * H;
    const decided = it.firstReplyAt !== null || deadline <= now.getTime();
    if (!decided) continue;
    const key = `${it.accountId}/${localDay(it.receivedAt, "Asia/Jakarta")}`;
    const f = out.get(key) ?? { due: 0, onTime: 0, replied: 0, seconds: 0 };
    f.due++;
    if (it.firstReplyAt && it.firstReplyAt.getTime() <= deadline) f.onTime++;
    if (it.firstReplyAt) {
      f.replied++;
      f.seconds += Math.round((it.firstReplyAt.getTime() - it.receivedAt.getTime()) / 1000);
    }
    out.set(key, f);
  }
  return [...out].map(([k, f]) => `${k} ${f.due} ${f.onTime} ${f.replied} ${f.seconds}`).sort();
}

async function stored() {
  const rows = await db.accountDailyResponse.findMany({
    where: { accountId: { in: [accA.id, accA2.id, accB.id] } },
  });
  return rows.map((r) => `${r.accountId}/${r.day} ${r.due} ${r.onTime} ${r.replied} ${r.replySeconds}`).sort();
}

const board = async () => {
  const b = await loadBoard(leadership, {
    period: "custom",
    from: "2026-11-01",
    to: "2026-11-20",
    view: "units",
    parent: root.id,
  });
  return Object.fromEntries(b.rows.map((r) => [r.name, r.values.responsiveness]));
};

beforeAll(async () => {
  const t = await createTree(2, "Polres Responsif");
  root = t.root;
  [polresA, polresB] = t.children as [Unit, Unit];
  accA = await account(polresA, "INSTAGRAM");
  accA2 = await account(polresA, "X");
  accB = await account(polresB, "FACEBOOK_PAGE");
  leadership = (await loadActor(
    (await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] })).id,
  ))!;
  // Polres A: a question answered in 3 h, a complaint answered after 30 h (late: 24 h), an uncategorised
  // item never answered, spam and an item closed without a reply (neither counts), and one just before
  // midnight in Jakarta (17:30 UTC is 00:30 the next day there).
  await add(accA, "2026-11-02T02:00:00Z", "PERTANYAAN", "REPLIED", 3);
  await add(accA, "2026-11-02T04:00:00Z", "PENGADUAN", "REPLIED", 30);
  await add(accA2, "2026-11-03T04:00:00Z", null, "NEW", null);
  await add(accA, "2026-11-03T05:00:00Z", "SPAM", "CLOSED", null);
  await add(accA, "2026-11-03T06:00:00Z", "APRESIASI", "CLOSED", null);
  await add(accA2, "2026-11-04T17:30:00Z", "KRITIK_SARAN", "REPLIED", 1);
  // Polres B: one complaint answered in 2 h, one question still waiting (received on the day of `now`).
  await add(accB, "2026-11-05T01:00:00Z", "PENGADUAN", "REPLIED", 2);
  await add(accB, "2026-11-19T20:00:00Z", "PERTANYAAN", "FORWARDED", null);
});

describe("Responsivitas", () => {
  const now = new Date("2026-11-20T00:00:00Z");

  it("rolls up exactly what the items say, per account and local day, and the board reads it", async () => {
    await rollupResponses({ now, rebuild: true });
    expect(await stored()).toEqual(expected(now));
    // A: 4 items decided (question, late complaint, unanswered, criticism), 2 in time → 50 %.
    // B: the waiting question is not decided yet; the complaint was in time → 100 %.
    expect(await board()).toEqual({ "Polres Responsif A": 0.5, "Polres Responsif B": 1 });
  });

  it("changes on the board after the next roll-up once a reply is sent, not before", async () => {
    const waiting = items.find((i) => i.accountId === accB.id && i.state === "FORWARDED")!;
    // A reply sent the way the reply engine marks it (raw SQL, without touching updated_at itself).
    waiting.firstReplyAt = new Date(waiting.receivedAt.getTime() + 60 * H);
    waiting.state = "REPLIED";
    await db.$executeRaw`update interactions set state = 'REPLIED', first_reply_at = ${waiting.firstReplyAt}
      where id = ${waiting.id}::uuid`;
    expect((await board())["Polres Responsif B"]).toBe(1);
    const later = new Date("2026-11-23T00:00:00Z");
    await rollupResponses({ now: later });
    // Replied after 60 h, past the 48 h of a question: B's share falls to 1 of 2.
    expect((await board())["Polres Responsif B"]).toBe(0.5);
    expect(await stored()).toEqual(expected(later));
    // The leadership dashboard sums the same roll-up over the subtree: 6 items due, 3 in time, 5 replied
    // after 3 + 30 + 1 + 2 + 60 hours.
    const d = await loadDashboard(leadership, {
      period: "custom",
      from: "2026-11-01",
      to: "2026-11-20",
      view: "units",
      parent: root.id,
    });
    expect(d.responses.cur).toEqual({ due: 6, onTime: 3, replied: 5, replySeconds: 96 * 3_600 });
    expect(d.responses.prev).toEqual({ due: 0, onTime: 0, replied: 0, replySeconds: 0 });
  });

  it("counts an unanswered item once its deadline passes, and follows the organisation's hours", async () => {
    await add(accB, "2026-11-20T02:00:00Z", "PENGADUAN", "TRIAGED", null);
    const before = new Date("2026-11-20T12:00:00Z");
    await rollupResponses({ now: before });
    expect(await stored()).toEqual(expected(before));
    await db.dispositionDeadline.create({
      data: { rootUnitId: root.id, category: "PENGADUAN", hours: 6, updatedById: leadership.id },
    });
    // Past the organisation's 6 h, not yet past the default 24 h.
    const after = new Date("2026-11-20T09:00:00Z");
    await rollupResponses({ now: after });
    expect(await stored()).toEqual(expected(after, { PENGADUAN: 6 }));
    // The incremental runs agree with a rebuild from nothing.
    await rollupResponses({ now: after, rebuild: true });
    expect(await stored()).toEqual(expected(after, { PENGADUAN: 6 }));
  });
});

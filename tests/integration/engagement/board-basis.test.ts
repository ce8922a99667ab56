import { beforeAll, describe, expect, it } from "vitest";
import type { Unit } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { resolvePeriod } from "@/server/leaderboard/period";
import { queryBoardStats } from "@/server/leaderboard/query-board-stats";
import { createUnit } from "../../factories/units";
import { account, at, createTree, target } from "./world";

// Issue 14: a unit is ranked on its own accounts (the default) or on every account below it, and the board
// offers both. A Polres whose only active account belongs to its Polsek scores nothing on its own accounts
// and that Polsek's post on all of them.

const period = resolvePeriod({ kind: "custom", from: "2026-10-01", to: "2026-10-30" });
let root: Unit;
let a: Unit;
let b: Unit;

beforeAll(async () => {
  const tree = await createTree(2, "Polres Basis");
  root = tree.root;
  [a, b] = tree.children as [Unit, Unit];
  const polsek = await createUnit(db, { name: "Polsek Basis A1", kind: "Polsek", parent: a });
  await account(a, "X");
  await account(b, "X");
  const below = [await account(polsek, "INSTAGRAM"), await account(polsek, "FACEBOOK_PAGE")];
  const scheduledAt = at("2026-10-10T02:00:00Z");
  await target(tree.author, below[0]!, { scheduledAt, publishedAt: at("2026-10-10T02:01:00Z") });
  await syncOutcomes(db, { now: at("2026-11-20T00:00:00Z"), lookbackDays: 120, accountIds: below.map((x) => x.id) });
});

describe("which accounts a unit is judged on", () => {
  it("own accounts by default: the Polsek's accounts and post do not count for its Polres", async () => {
    const rows = await queryBoardStats(db, { peers: { kind: "children", parentId: root.id }, level: "unit", period });
    const byId = new Map(rows.map((r) => [r.key, r]));
    expect(byId.get(a.id)).toMatchObject({ name: a.name, unitId: a.id, accounts: 1 });
    expect(byId.get(a.id)!.cur.published).toBe(0);
    expect(byId.get(b.id)).toMatchObject({ accounts: 1 });
    expect(rows).toHaveLength(2);
  });

  it("all accounts below: the Polres is judged on its own and its Polsek's accounts, still one row per peer", async () => {
    const rows = await queryBoardStats(db, {
      peers: { kind: "children", parentId: root.id },
      level: "unit",
      basis: "all",
      period,
    });
    const byId = new Map(rows.map((r) => [r.key, r]));
    expect(rows).toHaveLength(2);
    expect(byId.get(a.id)).toMatchObject({ name: a.name, unitId: a.id, unitName: a.name, accounts: 3 });
    expect(byId.get(a.id)!.cur.published).toBe(1);
    expect(byId.get(b.id)).toMatchObject({ accounts: 1 });
  });
});

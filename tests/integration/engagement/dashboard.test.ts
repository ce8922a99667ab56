import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, Unit, User } from "@/generated/prisma/client";
import { loadActor } from "@/server/auth/guards";
import { loadDashboard } from "@/server/dashboard/load-dashboard";
import { db } from "@/server/db";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { recordSnapshot } from "@/server/engagement/record-snapshot";
import { createUser } from "../../factories/users";
import { account, at, createTree, target } from "./world";

let root: Unit;
let children: Unit[];
let author: User;
let x: SocialAccount;
let ig: SocialAccount;
const q = { period: "custom" as const, from: "2026-10-20", to: "2026-10-26", view: "units" as const };

beforeAll(async () => {
  const tree = await createTree(2, "Polres Dasbor");
  ({ root, children, author } = tree);
  x = await account(children[0]!, "X");
  ig = await account(children[0]!, "INSTAGRAM");
  // Polres B's account never posts: dormant.
  await account(children[1]!, "X");
  // This week: two on-time X posts, one late Instagram post, one failure; the week before: one X post.
  const posts = [
    { acc: x, at: "2026-10-21T02:00:00Z", delayMin: 1, likes: 10 },
    { acc: x, at: "2026-10-24T02:00:00Z", delayMin: 2, likes: 30 },
    { acc: ig, at: "2026-10-25T02:00:00Z", delayMin: 9, likes: 5 },
    { acc: x, at: "2026-10-15T02:00:00Z", delayMin: 1, likes: 100 },
  ];
  for (const p of posts) {
    const t = await target(author, p.acc, {
      scheduledAt: at(p.at),
      publishedAt: new Date(at(p.at).getTime() + p.delayMin * 60_000),
    });
    await syncOutcomes(db, { now: at("2026-10-27T00:00:00Z"), accountIds: [p.acc.id] });
    await db.$transaction((tx) =>
      recordSnapshot(tx, {
        targetId: t.id,
        takenAt: new Date(at(p.at).getTime() + 3_600_000),
        reading: { views: p.likes * 10, likes: p.likes, comments: 1, shares: 0, saves: null, clicks: null },
      }),
    );
  }
  await target(author, ig, { scheduledAt: at("2026-10-22T02:00:00Z"), status: "FAILED" });
  await syncOutcomes(db, { now: at("2026-10-27T00:00:00Z"), accountIds: [ig.id] });
});

describe("the leadership dashboard", () => {
  it("sums the subtree's roll-ups for the period and the one before, by day and by platform, with dormant accounts", async () => {
    const leader = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] })).id,
    ))!;
    const d = await loadDashboard(leader, { ...q, parent: root.id });
    expect(d.cur).toEqual({ published: 3, onTime: 2, failed: 1, interactions: 11 + 31 + 6, views: 100 + 300 + 50 });
    expect(d.prev).toEqual({ published: 1, onTime: 1, failed: 0, interactions: 101, views: 1000 });
    expect(d.series).toHaveLength(7);
    expect(d.series.find((s) => s.day === "2026-10-24")).toEqual({
      day: "2026-10-24",
      published: 1,
      failed: 0,
      interactions: 31,
    });
    expect(d.platforms.map((p) => [p.platform, p.accounts, p.published, p.dormant])).toEqual([
      ["X", 2, 2, 1],
      ["INSTAGRAM", 1, 1, 0],
    ]);
    expect(d.accounts).toBe(3);
    expect(d.dormant).toBe(1);
    expect(d.group?.rows.map((r) => r.name)).toEqual(["Polres Dasbor A", "Polres Dasbor B"]);
  });

  it("is refused for a subtree outside the reader's", async () => {
    const other = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: children[1]!.id, role: "LEADERSHIP" }] })).id,
    ))!;
    await expect(loadDashboard(other, { ...q, parent: root.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

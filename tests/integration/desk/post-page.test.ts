import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { chartedTarget, getPost, listPostTargets, loadEditableTargets } from "@/server/posts/get-post";
import { COUNT_CAP, listCalendarGroups, listTargets } from "@/server/posts/list-targets";
import { accountData } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// A national broadcast reaches thousands of accounts (issue 17, decision 0012): the post page counts its
// targets per status in the database and shows them a page at a time, and its history is one line per
// burst; the post list stops counting at 1,000 instead of counting the whole subtree on every visit.

const PLATFORMS: Platform[] = ["X", "FACEBOOK_PAGE", "INSTAGRAM", "LINE_OA", "YOUTUBE", "TIKTOK"];
const TARGETS = 130;
let admin: Actor;
let postId: string;
let unitId: string;

beforeAll(async () => {
  const root = await createUnit(db, { name: "Mabes Uji Halaman Unggahan", kind: "Mabes" });
  const polda = await createUnit(db, { name: "Polda Uji Halaman Unggahan", kind: "Polda", parent: root });
  unitId = polda.id;
  const user = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
  admin = (await loadActor(user.id))!;
  const accounts = Array.from({ length: TARGETS }, (_, i) =>
    accountData({
      unitId: polda.id,
      platform: PLATFORMS[i % PLATFORMS.length]!,
      handle: `siaran_${String(i).padStart(3, "0")}`,
    }),
  );
  await db.socialAccount.createMany({ data: accounts });
  postId = randomUUID();
  await db.post.create({ data: { id: postId, authorId: user.id, unitId: polda.id, baseText: "Siaran nasional" } });
  const published = new Date("2026-11-30T01:00:00Z");
  const targets = accounts.map((a, i) => ({
    id: randomUUID(),
    postId,
    accountId: a.id,
    // 100 published, 30 failed.
    status: i < 100 ? ("PUBLISHED" as const) : ("FAILED" as const),
    publishedAt: i < 100 ? published : null,
  }));
  await db.postTarget.createMany({ data: targets });
  // The approval, then the system's publishing burst (a second apart), then a retry by the admin later.
  const at = (s: number) => new Date(published.getTime() + s * 1000);
  await db.auditLog.createMany({
    data: [
      { actorId: user.id, action: "post.approve", entityType: "Post", entityId: postId, createdAt: at(-600) },
      ...targets.slice(0, 100).map((t, i) => ({
        actorId: null,
        action: "target.published",
        entityType: "PostTarget",
        entityId: t.id,
        createdAt: at(i * 0.5),
      })),
      ...targets.slice(100).map((t) => ({
        actorId: user.id,
        action: "target.retry",
        entityType: "PostTarget",
        entityId: t.id,
        createdAt: at(3600),
      })),
    ],
  });
});

describe("the post page of a broadcast", () => {
  it("counts every target per status and platform without reading them", async () => {
    const post = await getPost(admin, postId);
    const sum = (status: string) => post.tally.filter((x) => x.status === status).reduce((n, x) => n + x.count, 0);
    expect(sum("PUBLISHED")).toBe(100);
    expect(sum("FAILED")).toBe(30);
    expect(new Set(post.tally.map((x) => x.platform))).toEqual(new Set(PLATFORMS));
    expect(post).not.toHaveProperty("targets");
  });

  it("shows the targets fifty at a time, in a stable order, filtered by status", async () => {
    const first = await listPostTargets(postId, { page: 1 });
    const third = await listPostTargets(postId, { page: 3 });
    expect(first).toHaveLength(50);
    expect(third).toHaveLength(30);
    const all = [...first, ...(await listPostTargets(postId, { page: 2 })), ...third];
    expect(new Set(all.map((t) => t.id)).size).toBe(TARGETS);
    const failed = await listPostTargets(postId, { page: 1, status: "FAILED" });
    expect(failed).toHaveLength(30);
    expect(failed.every((t) => t.status === "FAILED")).toBe(true);
  });

  it("charts the published target asked for, and never one that is not published", async () => {
    const some = (await listPostTargets(postId, { page: 2 }))[0]!;
    expect((await chartedTarget(postId, some.id))?.id).toBe(some.id);
    const failed = (await listPostTargets(postId, { page: 1, status: "FAILED" }))[0]!;
    const fallback = await chartedTarget(postId, failed.id);
    expect(fallback?.status).toBe("PUBLISHED");
  });

  it("tells the history in bursts: one line for a hundred targets published within the minute", async () => {
    const { history } = await getPost(admin, postId);
    expect(history.map((h) => [h.action, h.count])).toEqual([
      ["post.approve", 1],
      ["target.published", 100],
      ["target.retry", 30],
    ]);
    expect(history[0]?.actor).toBe(admin.name);
    expect(history[1]?.actor).toBeNull();
  });

  it("gives the composer every live target when the post is edited", async () => {
    expect(await loadEditableTargets(postId)).toHaveLength(TARGETS);
  });
});

describe("the post list", () => {
  it("counts the subtree's targets exactly up to the cap", async () => {
    const list = await listTargets(admin, { unitId, page: 1 });
    expect(list.total).toBe(TARGETS);
    expect(list.more).toBe(false);
    expect(list.pages).toBe(3);
  });

  it("says 'more than 1,000' past the cap, and pages only as far as it counted", async () => {
    const accounts = (await listPostTargets(postId, { page: 1 })).length;
    expect(accounts).toBe(50);
    const ids = (await db.socialAccount.findMany({ where: { unitId }, select: { id: true } })).map((a) => a.id);
    const posts = Math.ceil((COUNT_CAP + 1 - TARGETS) / ids.length);
    const author = (await db.post.findUniqueOrThrow({ where: { id: postId } })).authorId;
    const postIds = Array.from({ length: posts }, () => randomUUID());
    await db.post.createMany({
      data: postIds.map((id, i) => ({ id, authorId: author, unitId, baseText: `Ulangan ${i}` })),
    });
    await db.postTarget.createMany({
      data: postIds.flatMap((id) =>
        ids.map((accountId) => ({ id: randomUUID(), postId: id, accountId, status: "PUBLISHED" as const })),
      ),
    });
    const list = await listTargets(admin, { unitId, page: 1 });
    expect(list.more).toBe(true);
    expect(list.total).toBe(COUNT_CAP);
    expect(list.pages).toBe(COUNT_CAP / 50);
  });
});

describe("the calendar of a broadcast", () => {
  const inJakarta = (iso: string) => new Date(`${iso}+07:00`);

  it("is one chip per post and minute, with its count, and at most N chips a day with the day's total", async () => {
    // Eight posts at 09:00..09:07 on one day, for three accounts each, and the broadcast's targets moved to 10:00.
    const ids = (await db.socialAccount.findMany({ where: { unitId }, select: { id: true }, take: 3 })).map(
      (a) => a.id,
    );
    const author = (await db.post.findUniqueOrThrow({ where: { id: postId } })).authorId;
    const day = "2027-01-05";
    for (let i = 0; i < 8; i++) {
      const id = randomUUID();
      await db.post.create({ data: { id, authorId: author, unitId, baseText: `Jadwal ${i}`, title: `Jadwal ${i}` } });
      await db.postTarget.createMany({
        data: ids.map((accountId) => ({
          id: randomUUID(),
          postId: id,
          accountId,
          status: "SCHEDULED" as const,
          scheduledAt: inJakarta(`${day}T09:0${i}:00`),
        })),
      });
    }
    await db.postTarget.updateMany({ where: { postId }, data: { scheduledAt: inJakarta(`${day}T10:00:00`) } });
    const range = { from: inJakarta(`${day}T00:00:00`), to: inJakarta(`${day}T24:00:00`) };
    const all = await listCalendarGroups(admin, { unitId }, range, "Asia/Jakarta", 40);
    expect(all).toHaveLength(9);
    expect(all.every((g) => g.day === day && g.dayTotal === 9)).toBe(true);
    const broadcast = all.find((g) => g.postId === postId)!;
    expect(broadcast.count).toBe(TARGETS);
    expect(new Set(broadcast.platforms)).toEqual(new Set(PLATFORMS));
    expect(new Set(broadcast.statuses)).toEqual(new Set(["PUBLISHED", "FAILED"]));
    // Published and failed targets cannot be moved: the chip carries no ids to the browser; a scheduled one does.
    expect(broadcast.targetIds).toBeNull();
    const scheduled = all.filter((g) => g.text.startsWith("Jadwal"));
    expect(scheduled.map((g) => g.count)).toEqual(Array(8).fill(3));
    expect(scheduled.map((g) => g.targetIds?.length)).toEqual(Array(8).fill(3));

    const capped = await listCalendarGroups(admin, { unitId }, range, "Asia/Jakarta", 5);
    expect(capped.map((g) => g.text)).toEqual(["Jadwal 0", "Jadwal 1", "Jadwal 2", "Jadwal 3", "Jadwal 4"]);
    expect(capped[0]?.dayTotal).toBe(9);

    // A reader of every tree gets the same chips without the posts' scope lookups as with them.
    const roots = await db.unit.findMany({ where: { parentId: null }, select: { id: true } });
    const everywhere = (await loadActor(
      (await createUser(db, { memberships: roots.map((r) => ({ unitId: r.id, role: "LEADERSHIP" as const })) })).id,
    ))!;
    const unchecked = await listCalendarGroups(everywhere, { unitId }, range, "Asia/Jakarta", 40);
    expect(unchecked).toEqual(
      await listCalendarGroups(everywhere, { unitId }, range, "Asia/Jakarta", 40, { checkScope: true }),
    );
    expect(unchecked.map((g) => [g.postId, g.count, g.dayTotal])).toEqual(
      all.map((g) => [g.postId, g.count, g.dayTotal]),
    );

    // The calendar's "more in the list" link: the list shows only that day, on the reader's clock.
    const list = await listTargets(admin, { unitId, from: day, to: day, page: 1 }, "Asia/Jakarta");
    expect(list.total).toBe(TARGETS + 24);
    const nextDay = await listTargets(admin, { unitId, from: "2027-01-06", to: "2027-01-06", page: 1 }, "Asia/Jakarta");
    expect(nextDay.total).toBe(0);
  });

  it("shows nothing to a reader outside the subtree", async () => {
    const other = await createUnit(db, { name: "Polda Lain Kalender", kind: "Polda" });
    const outsider = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: other.id, role: "ADMIN" }] })).id,
    ))!;
    const range = { from: new Date("2027-01-04T00:00:00Z"), to: new Date("2027-01-07T00:00:00Z") };
    expect(await listCalendarGroups(outsider, {}, range, "Asia/Jakarta", 40)).toEqual([]);
  });
});

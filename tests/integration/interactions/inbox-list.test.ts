import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma, SocialAccount, Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { INBOX_PAGE_SIZE, listInbox } from "@/server/interactions/list-inbox";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { target } from "../engagement/world";

// The inbox list's results, which the indexes and query shape of decision 0011 "The inbox at a million items"
// must not change: the order (newest or oldest, then id, also among items of the same second), every item once
// across keyset pages, each filter and the scope of a Polda's and a national Humas; and a page costs a fixed
// number of statements whatever it holds.

let root: Unit, polda: Unit, polres: Unit, polsek: Unit, otherPolda: Unit, ditlantas: Unit;
let poldaIg: SocialAccount, polresX: SocialAccount, polsekIg: SocialAccount, otherFb: SocialAccount;
let poldaAdmin: Actor, nationalAdmin: Actor;
const base = Date.parse("2026-10-01T00:00:00Z");
type Row = { id: string; receivedAt: Date; unitId: string; text: string; platform: string; category: string | null };
const rows: Row[] = [];

function item(account: SocialAccount, n: number, extra: Partial<Prisma.InteractionCreateManyInput> = {}) {
  // Three items share each second: the id decides their order.
  return {
    id: randomUUID(),
    platform: account.platform,
    externalId: `list_${randomUUID()}`,
    accountId: account.id,
    unitId: account.unitId,
    kind: "COMMENT" as const,
    authorExternalId: `w${n}`,
    authorHandle: n % 10 === 0 ? `Pelapor_Jalan${n}` : null,
    authorName: n % 10 === 5 ? `Ibu Sari ${n}` : null,
    text: n % 4 === 0 ? `Lampu MERAH mati nomor ${n}` : `Pertanyaan nomor ${n}`,
    receivedAt: new Date(base + Math.floor(n / 3) * 1000),
    ...extra,
  };
}

async function allPages(actor: Actor, query: Record<string, unknown>) {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await listInbox(actor, { ...query, after });
    expect(page.items.length).toBeLessThanOrEqual(INBOX_PAGE_SIZE);
    ids.push(...page.items.map((i) => i.id));
    after = page.next ?? undefined;
  } while (after);
  return ids;
}

const newest = (a: Row, b: Row) => b.receivedAt.getTime() - a.receivedAt.getTime() || (b.id < a.id ? -1 : 1);
const expected = (keep: (r: Row) => boolean, order: "newest" | "oldest" = "newest") => {
  const sorted = rows.filter(keep).sort(newest);
  return (order === "newest" ? sorted : sorted.reverse()).map((r) => r.id);
};

beforeAll(async () => {
  root = await createUnit(db, { name: "Mabes Daftar Kotak", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Daftar Kotak", kind: "Polda", parent: root });
  polres = await createUnit(db, { name: "Polres Daftar Kotak", kind: "Polres", parent: polda });
  polsek = await createUnit(db, { name: "Polsek Daftar Kotak", kind: "Polsek", parent: polres });
  otherPolda = await createUnit(db, { name: "Polda Daftar Lain", kind: "Polda", parent: root });
  ditlantas = await createUnit(db, { name: "Ditlantas Daftar", kind: FUNCTION_UNIT_KIND, parent: polda });
  poldaIg = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM" });
  polresX = await createAccount(db, { unitId: polres.id, platform: "X" });
  polsekIg = await createAccount(db, { unitId: polsek.id, platform: "INSTAGRAM" });
  otherFb = await createAccount(db, { unitId: otherPolda.id, platform: "FACEBOOK_PAGE" });
  poldaAdmin = (await loadActor((await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] })).id))!;
  nationalAdmin = (await loadActor((await createUser(db, { memberships: [{ unitId: root.id, role: "ADMIN" }] })).id))!;
  const data = [
    ...Array.from({ length: 45 }, (_, n) => item(poldaIg, n, n % 9 === 0 ? { category: "PENGADUAN" } : {})),
    ...Array.from({ length: 30 }, (_, n) => item(polresX, 100 + n, n % 5 === 0 ? { state: "CLOSED" } : {})),
    ...Array.from({ length: 20 }, (_, n) => item(otherFb, 200 + n)),
    // A Polsek below the Polres: choosing the Polres shows both units' items, interleaved by time.
    ...Array.from({ length: 12 }, (_, n) => item(polsekIg, 100 + 3 * n, n % 3 === 0 ? { category: "PENGADUAN" } : {})),
  ];
  await db.interaction.createMany({ data });
  rows.push(
    ...data.map((d) => ({
      id: d.id,
      receivedAt: new Date(d.receivedAt),
      unitId: d.unitId,
      text: d.text,
      platform: d.platform,
      category: (d as { category?: string }).category ?? null,
    })),
  );
  // Forwarded to Ditlantas: one answered, one waiting past its deadline, one waiting within it.
  const creator = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
  const forwarded = data.slice(10, 13);
  await db.disposition.createMany({
    data: forwarded.map((f, i) => ({
      id: randomUUID(),
      interactionId: f.id,
      fromUnitId: polda.id,
      toUnitId: ditlantas.id,
      createdById: creator.id,
      deadlineAt: new Date(Date.now() + (i === 1 ? -3_600_000 : 3_600_000)),
      answeredAt: i === 0 ? new Date() : null,
      // Marked escalated already: escalateOverdue() runs over the whole database, and another file's test
      // (inbox-disposition) counts what it escalates.
      escalatedAt: new Date(),
    })),
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the inbox list", () => {
  const inPolda = (r: Row) => r.unitId !== otherPolda.id;

  it("pages a Polda's Humas through its subtree newest first, then by id within a second, each item once", async () => {
    expect(await allPages(poldaAdmin, {})).toEqual(expected(inPolda));
  });

  it("pages oldest first the same way", async () => {
    expect(await allPages(poldaAdmin, { order: "oldest" })).toEqual(expected(inPolda, "oldest"));
  });

  it("gives the national Humas every Polda, and a chosen Polda or Polres alone", async () => {
    expect(await allPages(nationalAdmin, {})).toEqual(expected(() => true));
    expect(await allPages(nationalAdmin, { unitId: otherPolda.id })).toEqual(
      expected((r) => r.unitId === otherPolda.id),
    );
    const underPolres = (r: Row) => r.unitId === polres.id || r.unitId === polsek.id;
    expect(await allPages(poldaAdmin, { unitId: polres.id, order: "oldest" })).toEqual(expected(underPolres, "oldest"));
    expect(await allPages(poldaAdmin, { unitId: polres.id })).toEqual(expected(underPolres));
    expect(await allPages(nationalAdmin, { unitId: polda.id })).toEqual(expected(inPolda));
    expect(await allPages(poldaAdmin, { unitId: polsek.id, q: "lampu merah" })).toEqual(
      expected((r) => r.unitId === polsek.id && r.text.startsWith("Lampu MERAH")),
    );
    // A Polres's own Humas choosing its Polres; the Polda's Humas cannot choose another Polda.
    const polresAdmin = (await loadActor(
      (await createUser(db, { memberships: [{ unitId: polres.id, role: "ADMIN" }] })).id,
    ))!;
    expect(await allPages(polresAdmin, { unitId: polres.id })).toEqual(expected(underPolres));
    await expect(listInbox(poldaAdmin, { unitId: otherPolda.id })).rejects.toThrow();
  });

  it("finds overdue items as their dispositions change: answered, deadline moved, forwarded again", async () => {
    // Set up above: rows[11] waits past its deadline, rows[12] within it, rows[10] was answered.
    const overdue = () => allPages(poldaAdmin, { state: "OVERDUE" });
    expect(await overdue()).toEqual([rows[11]!.id]);
    const d12 = await db.disposition.findFirstOrThrow({ where: { interactionId: rows[12]!.id } });
    await db.disposition.update({ where: { id: d12.id }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    expect(await overdue()).toEqual(expected((r) => [rows[11]!.id, rows[12]!.id].includes(r.id)));
    expect(await allPages(poldaAdmin, { state: "OVERDUE", order: "oldest" })).toEqual(
      expected((r) => [rows[11]!.id, rows[12]!.id].includes(r.id), "oldest"),
    );
    await db.disposition.update({ where: { id: d12.id }, data: { answeredAt: new Date() } });
    expect(await overdue()).toEqual([rows[11]!.id]);
    // Forwarded again after the answer, with a deadline already past; then that disposition removed.
    const creator = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
    const again = await db.disposition.create({
      data: {
        id: randomUUID(),
        interactionId: rows[12]!.id,
        fromUnitId: polda.id,
        toUnitId: ditlantas.id,
        createdById: creator.id,
        deadlineAt: new Date(Date.now() - 1_000),
        escalatedAt: new Date(),
      },
    });
    expect(await overdue()).toEqual(expected((r) => [rows[11]!.id, rows[12]!.id].includes(r.id)));
    await db.disposition.delete({ where: { id: again.id } });
    expect(await overdue()).toEqual([rows[11]!.id]);
    // Only in scope: another Polda's Humas sees none of them; the national Humas sees the same one.
    expect(await allPages(nationalAdmin, { state: "OVERDUE" })).toEqual([rows[11]!.id]);
    expect(await allPages(nationalAdmin, { state: "OVERDUE", unitId: otherPolda.id })).toEqual([]);
    // What the item carries equals what its dispositions say, for every item of this file.
    const carried = await db.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from interactions i
      where i.id = any(${rows.map((r) => r.id)}::uuid[])
        and i.open_deadline_at is distinct from
          (select min(d.deadline_at) from dispositions d where d.interaction_id = i.id and d.answered_at is null)`;
    expect(carried[0]!.n).toBe(0);
  });

  it("combines platform, category and search, in order across pages", async () => {
    const igComplaints = (r: Row) => inPolda(r) && r.platform === "INSTAGRAM" && r.category === "PENGADUAN";
    expect(await allPages(poldaAdmin, { platform: "INSTAGRAM", category: "PENGADUAN" })).toEqual(
      expected(igComplaints),
    );
    expect(
      await allPages(poldaAdmin, { platform: "INSTAGRAM", category: "PENGADUAN", q: "nomor", order: "oldest" }),
    ).toEqual(expected(igComplaints, "oldest"));
    expect(await allPages(poldaAdmin, { platform: "INSTAGRAM", category: "PENGADUAN", q: "lampu" })).toEqual(
      expected((r) => igComplaints(r) && r.text.startsWith("Lampu MERAH")),
    );
    expect(await allPages(nationalAdmin, { platform: "FACEBOOK_PAGE", category: "NONE" })).toEqual(
      expected((r) => r.unitId === otherPolda.id),
    );
  });

  it("filters by account, platform, category, state and function, across pages", async () => {
    expect(await allPages(nationalAdmin, { accountId: polresX.id })).toEqual(expected((r) => r.unitId === polres.id));
    expect(await allPages(nationalAdmin, { platform: "FACEBOOK_PAGE" })).toEqual(
      expected((r) => r.unitId === otherPolda.id),
    );
    const pengaduan = rows.filter((r) => r.category === "PENGADUAN" && inPolda(r)).map((r) => r.id);
    expect(await allPages(poldaAdmin, { category: "PENGADUAN" })).toEqual(expected((r) => pengaduan.includes(r.id)));
    expect(await allPages(poldaAdmin, { category: "NONE" })).toEqual(
      expected((r) => inPolda(r) && !pengaduan.includes(r.id)),
    );
    const closed = rows.filter((_, i) => i >= 45 && i < 75 && (i - 45) % 5 === 0).map((r) => r.id);
    expect(await allPages(poldaAdmin, { state: "CLOSED", order: "oldest" })).toEqual(
      expected((r) => closed.includes(r.id), "oldest"),
    );
    expect(await allPages(poldaAdmin, { functionId: ditlantas.id })).toEqual(
      expected((r) => [rows[10]!.id, rows[11]!.id, rows[12]!.id].includes(r.id)),
    );
  });

  it("searches the text, the author's handle and name without regard to case, only in scope", async () => {
    expect(await allPages(poldaAdmin, { q: "lampu merah" })).toEqual(
      expected((r) => inPolda(r) && r.text.startsWith("Lampu MERAH")),
    );
    expect(await allPages(nationalAdmin, { q: "lampu merah" })).toEqual(
      expected((r) => r.text.startsWith("Lampu MERAH")),
    );
    const handle = await listInbox(poldaAdmin, { q: "pelapor_jalan12" });
    expect(handle.items.map((i) => i.authorHandle)).toEqual(["Pelapor_Jalan120"]);
    const name = await listInbox(nationalAdmin, { q: "IBU SARI 21" });
    expect(name.items.map((i) => i.authorName)).toEqual(["Ibu Sari 215"]);
    expect((await listInbox(poldaAdmin, { q: "Ibu Sari 21" })).items).toEqual([]);
  });

  it("shows each item's account, unit, post, latest disposition and assignee as Prisma's own relation loads do", async () => {
    // One item on a post made in Siar, two with an assignee, three forwarded (set up above), one forwarded twice.
    const author = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
    const t = await target(author, poldaIg, { scheduledAt: new Date("2026-09-30T00:00:00Z") });
    await db.interaction.update({ where: { id: rows[10]!.id }, data: { targetId: t.id, assigneeId: author.id } });
    await db.interaction.update({ where: { id: rows[20]!.id }, data: { assigneeId: author.id } });
    await db.disposition.create({
      data: {
        id: randomUUID(),
        interactionId: rows[10]!.id,
        fromUnitId: polda.id,
        toUnitId: ditlantas.id,
        createdById: author.id,
        createdAt: new Date(Date.now() + 60_000),
        deadlineAt: new Date(Date.now() + 86_400_000),
        escalatedAt: new Date(),
      },
    });
    const select = {
      id: true,
      platform: true,
      kind: true,
      authorHandle: true,
      authorName: true,
      text: true,
      receivedAt: true,
      category: true,
      urgent: true,
      state: true,
      externalParentId: true,
      anonymisedAt: true,
      assignee: { select: { name: true } },
      account: { select: { id: true, handle: true, platform: true } },
      unit: { select: { name: true, timeZone: true } },
      target: { select: { post: { select: { id: true, title: true, baseText: true } } } },
      dispositions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { deadlineAt: true, answeredAt: true, escalatedAt: true, toUnit: { select: { name: true } } },
      },
    } satisfies Prisma.InteractionSelect;
    let after: string | undefined;
    let seen = 0;
    do {
      const page = await listInbox(poldaAdmin, { after });
      const ids = page.items.map((i) => i.id);
      const loaded = await db.interaction.findMany({
        where: { id: { in: ids } },
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        select,
      });
      expect(page.items).toEqual(loaded);
      seen += ids.length;
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toBe(rows.filter(inPolda).length);
    const shown = await listInbox(poldaAdmin, { functionId: ditlantas.id });
    expect(shown.items.find((i) => i.id === rows[10]!.id)).toMatchObject({
      target: { post: { id: expect.any(String) } },
      assignee: { name: expect.any(String) },
      dispositions: [{ answeredAt: null }],
    });
  });

  it("costs a page the same number of statements whether it holds one plain item or 25 with their relations", async () => {
    const statements = async (query: Record<string, unknown>) => {
      const spy = vi.spyOn(pg.Client.prototype, "query");
      const page = await listInbox(poldaAdmin, query);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return { n, items: page.items.length };
    };
    const full = await statements({});
    const one = await statements({ q: "pelapor_jalan12" });
    const forwarded = await statements({ functionId: ditlantas.id });
    expect([full.items, one.items, forwarded.items]).toEqual([INBOX_PAGE_SIZE, 1, 3]);
    expect(full.n).toBeGreaterThan(0);
    expect(one.n).toBe(full.n);
    expect(forwarded.n).toBe(full.n);
    // A chosen unit adds two (the unit, checked against the actor's scope, and its subtree's units), whatever
    // the page holds.
    const unitFull = await statements({ unitId: polda.id });
    const unitOne = await statements({ unitId: polres.id, q: "pelapor_jalan12" });
    expect([unitFull.items, unitOne.items]).toEqual([INBOX_PAGE_SIZE, 1]);
    expect(unitFull.n).toBe(full.n + 2);
    expect(unitOne.n).toBe(unitFull.n);
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { listAudit } from "@/server/audit/list-audit";
import { client, db } from "@/server/db";
import { createUser } from "../../factories/users";
import { makeWorld, type World } from "../accounts/world";

// The audit page names people, units, accounts and posts instead of showing ids (issue 14, item 9), and
// finds those names in a fixed number of queries: a page of 50 entries naming 50 people costs what a page
// of one entry costs (no query per entry).

let w: World;
let single: string;
const holder = globalThis as unknown as { siarPrisma?: PrismaClient };
let base: PrismaClient;
let queries = 0;

beforeAll(async () => {
  w = await makeWorld();
  const people = await Promise.all(
    Array.from({ length: 50 }, (_, i) => createUser(db, { name: `Bripka Uji ${i} ${w.tag}` })),
  );
  const unit = w.units.polresB;
  await db.auditLog.createMany({
    data: people.map((p) => ({
      actorId: w.superadmin.id,
      action: "membership.add",
      entityType: "Membership",
      entityId: randomUUID(),
      unitId: unit.id,
      unitPath: unit.path,
      after: { userId: p.id, email: p.email, unitId: unit.id, unitCode: unit.code, role: "ADMIN" },
    })),
  });
  single = (await db.auditLog.findFirstOrThrow({ where: { unitId: unit.id }, select: { entityId: true } })).entityId;
  // Every query the app makes from here on is counted.
  base = client();
  holder.siarPrisma = base.$extends({
    query: {
      $allOperations({ args, query }) {
        queries++;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
});
afterAll(() => {
  holder.siarPrisma = base;
});

async function counted<T>(fn: () => Promise<T>): Promise<[T, number]> {
  queries = 0;
  const result = await fn();
  return [result, queries];
}

describe("the names of an audit page", () => {
  it("are the people's names, found in as many queries for 50 entries as for one", async () => {
    const [page, many] = await counted(() => listAudit(w.superadmin, { unitId: w.units.polresB.id }));
    expect(page.items).toHaveLength(50);
    const named = page.items.map((e) => page.names.users.get((e.after as { userId: string }).userId));
    expect(named.every((n) => n?.startsWith("Bripka Uji "))).toBe(true);
    expect(new Set(named).size).toBe(50);
    expect(page.names.units.get(w.units.polresB.id)).toBe(w.units.polresB.name);
    expect(page.timeZone).toBe("Asia/Jakarta"); // the superadmin's unit, Mabes

    const [one, few] = await counted(() => listAudit(w.superadmin, { unitId: w.units.polresB.id, entityId: single }));
    expect(one.items).toHaveLength(1);
    expect(many).toBe(few);
    expect(many).toBeLessThan(15);
  });

  it("reads times on the reader's own clock: a Polda A admin's is WITA", async () => {
    expect((await listAudit(w.adminA, {})).timeZone).toBe("Asia/Makassar");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { listAccounts } from "@/server/accounts/list-accounts";
import { db } from "@/server/db";
import { type AppError } from "@/server/errors";
import { createUnit } from "@/server/units/create-unit";
import { listUnitTree } from "@/server/units/list-unit-tree";
import { updateUnit } from "@/server/units/update-unit";
import { accountData } from "../../factories/accounts";
import { uniqueCode } from "../../factories/units";
import { failure, fieldKeys, makeWorld, type World } from "../accounts/world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const fieldsOf = (
  u: { id: string; name: string; code: string; kind: string; timeZone: string; parentId: string | null },
  over: Record<string, unknown> = {},
) => ({
  id: u.id,
  name: u.name,
  code: u.code,
  kind: u.kind,
  timeZone: u.timeZone,
  parentId: u.parentId,
  ...over,
});

describe("creating units", () => {
  it("lets SUPERADMIN add a unit below one they manage, with its path and depth, and audits it", async () => {
    const code = uniqueCode("POLSEK-");
    const { id } = await createUnit(w.superadmin, {
      name: " Polsek Baru ",
      code: code.toLowerCase(),
      kind: "Polsek",
      timeZone: "Asia/Makassar",
      parentId: w.units.polresA.id,
    });
    const unit = await db.unit.findUniqueOrThrow({ where: { id } });
    expect(unit).toMatchObject({
      name: "Polsek Baru",
      code,
      path: `${w.units.polresA.path}${id}/`,
      depth: w.units.polresA.depth + 1,
      timeZone: "Asia/Makassar",
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: id } });
    expect(audit).toMatchObject({ action: "unit.create", actorId: w.superadmin.id, unitPath: unit.path });
  });

  it("refuses an ADMIN, and bad input, with field messages and no new unit", async () => {
    const before = await db.unit.count({ where: { path: { startsWith: w.units.root.path } } });
    const base = {
      name: "Polsek X",
      code: uniqueCode("P"),
      kind: "Polsek",
      timeZone: "Asia/Jakarta",
      parentId: w.units.polresA.id,
    };
    const refused = await failure(createUnit(w.adminA, base));
    expect((refused as AppError).code).toBe("FORBIDDEN");
    expect(fieldKeys(refused)).toEqual({ parentId: "unitOutsideScope" });
    expect(fieldKeys(await failure(createUnit(w.superadmin, { ...base, code: w.units.poldaA.code })))).toEqual({
      code: "unitCodeTaken",
    });
    expect(fieldKeys(await failure(createUnit(w.superadmin, { ...base, code: "POLSEK BARU!" })))).toEqual({
      code: "unitCodeInvalid",
    });
    expect(fieldKeys(await failure(createUnit(w.superadmin, { ...base, timeZone: "Europe/Paris" })))).toEqual({
      timeZone: "timeZoneUnknown",
    });
    expect(fieldKeys(await failure(createUnit(w.superadmin, { ...base, name: "", parentId: "x" })))).toEqual({
      name: "unitNameRequired",
      parentId: "Invalid UUID",
    });
    expect(await db.unit.count({ where: { path: { startsWith: w.units.root.path } } })).toBe(before);
  });
});

describe("moving units", () => {
  it("moves a whole subtree to a new parent in one go: paths, depths, counts and who sees it", async () => {
    const m = await makeWorld();
    const account = await db.socialAccount.create({
      data: accountData({ unitId: m.units.polsekA.id, platform: "INSTAGRAM", handle: m.handle("sek") }),
    });
    expect((await listAccounts(m.adminA, { q: m.tag })).items.map((a) => a.id)).toEqual([account.id]);

    await updateUnit(
      m.superadmin,
      fieldsOf(m.units.polresA, { parentId: m.units.poldaB.id, name: "Polres A (pindah)" }),
    );

    const polres = await db.unit.findUniqueOrThrow({ where: { id: m.units.polresA.id } });
    const polsek = await db.unit.findUniqueOrThrow({ where: { id: m.units.polsekA.id } });
    expect(polres).toMatchObject({
      parentId: m.units.poldaB.id,
      path: `${m.units.poldaB.path}${polres.id}/`,
      depth: 2,
      name: "Polres A (pindah)",
    });
    expect(polsek).toMatchObject({ path: `${polres.path}${polsek.id}/`, depth: 3 });
    // Membership scopes follow the tree at once.
    expect((await listAccounts(m.adminA, { q: m.tag })).total).toBe(0);
    expect((await listAccounts(m.adminB, { q: m.tag })).items.map((a) => a.id)).toEqual([account.id]);
    const tree = await listUnitTree(m.adminB);
    expect(tree[0]).toMatchObject({ id: m.units.poldaB.id, subtreeAccounts: 1 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: polres.id, action: "unit.move" } });
    expect(audit.after).toMatchObject({ unitsMoved: 2, parentId: m.units.poldaB.id });
    expect(audit.before).toMatchObject({ parentId: m.units.poldaA.id });
  });

  it("refuses moving a unit below its own subtree and changes nothing", async () => {
    const error = await failure(updateUnit(w.superadmin, fieldsOf(w.units.poldaA, { parentId: w.units.polsekA.id })));
    expect(fieldKeys(error)).toEqual({ parentId: "unitParentCycle" });
    expect((await db.unit.findUniqueOrThrow({ where: { id: w.units.poldaA.id } })).path).toBe(w.units.poldaA.path);
  });

  it("refuses an ADMIN editing even their own unit", async () => {
    const error = await failure(updateUnit(w.adminA, fieldsOf(w.units.poldaA, { name: "Polda Saya" })));
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect((await db.unit.findUniqueOrThrow({ where: { id: w.units.poldaA.id } })).name).toBe(w.units.poldaA.name);
  });
});

describe("the unit tree", () => {
  it("counts active accounts per unit and per subtree, only within the caller's view", async () => {
    const t = await makeWorld();
    const add = (unitId: string, handle: string, status: "ACTIVE" | "DISABLED" = "ACTIVE") =>
      db.socialAccount.create({
        data: { ...accountData({ unitId, platform: "X", handle: t.handle(handle) }), status },
      });
    await add(t.units.poldaA.id, "a1");
    await add(t.units.polresA.id, "r1");
    await add(t.units.polsekA.id, "s1");
    await add(t.units.polsekA.id, "s2", "DISABLED");
    const [poldaA] = await listUnitTree(t.adminA);
    expect(poldaA).toMatchObject({ id: t.units.poldaA.id, accounts: 1, subtreeAccounts: 3 });
    expect(poldaA!.children[0]).toMatchObject({ id: t.units.polresA.id, accounts: 1, subtreeAccounts: 2 });
    expect(await listUnitTree(t.adminPolresA)).toMatchObject([{ id: t.units.polresA.id, subtreeAccounts: 2 }]);
    const [root] = await listUnitTree(t.superadmin);
    expect(root!.children.map((c) => c.id).sort()).toEqual([t.units.poldaA.id, t.units.poldaB.id].sort());
  });
});

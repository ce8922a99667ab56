import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "@/server/accounts/create-account";
import { loadActor } from "@/server/auth/actor";
import { AUDIT_COUNT_CAP, listAudit } from "@/server/audit/list-audit";
import { db } from "@/server/db";
import { type AppError } from "@/server/errors";
import { updateUnit } from "@/server/units/update-unit";
import { setUserDisabled } from "@/server/users/set-user-disabled";
import { createUser } from "../../factories/users";
import { failure, makeWorld, type World } from "../accounts/world";

let w: World;
let ids: { a: string; b: string; polsek: string; user: string };
beforeAll(async () => {
  w = await makeWorld();
  const register = async (actor: World["adminA"], unitId: string, handle: string) =>
    (
      await createAccount(actor, {
        unitId,
        platform: "X",
        handle: w.handle(handle),
        displayName: handle,
        platformAccountId: `${handle}-${w.tag}`,
        officialConfirmed: true,
      })
    ).id;
  const user = await createUser(db, { memberships: [{ unitId: w.units.polresA.id, role: "ADMIN" }] });
  ids = {
    a: await register(w.adminA, w.units.poldaA.id, "a"),
    b: await register(w.adminB, w.units.poldaB.id, "b"),
    polsek: await register(w.adminPolresA, w.units.polsekA.id, "polsek"),
    user: user.id,
  };
  await setUserDisabled(w.superadmin, { id: user.id, disabled: true });
});

const entities = async (actor: World["adminA"], query: Record<string, string> = {}) =>
  (await listAudit(actor, query)).items.map((e) => e.entityId).sort();

describe("the audit log", () => {
  it("gives a reader of every tree the same page without listing the units as with", async () => {
    const roots = await db.unit.findMany({ where: { parentId: null }, select: { id: true } });
    const everywhere = (await loadActor(
      (await createUser(db, { memberships: roots.map((r) => ({ unitId: r.id, role: "LEADERSHIP" as const })) })).id,
    ))!;
    for (const query of [{}, { entityType: "SocialAccount" }, { actorId: w.adminA.id }]) {
      const fast = await listAudit(everywhere, query);
      const listed = await listAudit(everywhere, query, { checkScope: true });
      expect(fast.items.length).toBeGreaterThan(0);
      // The same entries and counts (the person filter's choice among more than 200 people has no order).
      const { actors: _a, ...page } = fast;
      const { actors: _b, ...listedPage } = listed;
      expect(page).toEqual(listedPage);
    }
    // Their own subtree's entries are among them, the other Polda's too.
    const all = await listAudit(everywhere, { entityType: "SocialAccount" });
    expect(all.items.map((e) => e.entityId)).toEqual(expect.arrayContaining([ids.a, ids.b]));
  });

  it("shows each person the entries of their subtree only", async () => {
    expect(await entities(w.adminA)).toEqual([ids.a, ids.polsek].sort());
    expect(await entities(w.leaderA)).toEqual([ids.a, ids.polsek].sort());
    expect(await entities(w.adminB)).toEqual([ids.b]);
    expect(await entities(w.adminPolresA)).toEqual([ids.polsek]);
  });

  it("shows entries about users (no unit) only to those who manage users", async () => {
    const all = await listAudit(w.superadmin, { entityType: "User" });
    expect(all.items.map((e) => [e.action, e.entityId])).toContainEqual(["user.disable", ids.user]);
    expect((await listAudit(w.adminA, { entityType: "User" })).total).toBe(0);
  });

  it("filters by unit subtree, actor and entity, and records who did what with before and after", async () => {
    expect(await entities(w.superadmin, { unitId: w.units.polresA.id })).toEqual([ids.polsek]);
    expect(await entities(w.superadmin, { actorId: w.adminB.id })).toEqual([ids.b]);
    const [entry] = (await listAudit(w.superadmin, { entityType: "SocialAccount", entityId: ids.a })).items;
    expect(entry).toMatchObject({
      action: "account.create",
      actor: { id: w.adminA.id },
      unit: { id: w.units.poldaA.id, timeZone: "Asia/Makassar" },
    });
    expect(entry!.after).toMatchObject({ handle: w.handle("a") });
  });

  it("ignores a unit filter outside the caller's subtree instead of widening it", async () => {
    // Positive control: the same filter finds that unit's entries for someone whose subtree holds it.
    expect((await listAudit(w.adminB, { unitId: w.units.poldaB.id })).total).toBeGreaterThan(0);
    expect((await listAudit(w.adminA, { unitId: w.units.poldaB.id })).total).toBe(0);
  });

  it("keeps a moved unit's history with it", async () => {
    const polres = await db.unit.findUniqueOrThrow({ where: { id: w.units.polresA.id } });
    await updateUnit(w.superadmin, {
      id: polres.id,
      name: polres.name,
      code: polres.code,
      kind: polres.kind,
      timeZone: polres.timeZone,
      parentId: w.units.poldaB.id,
    });
    expect(await entities(w.adminB, { entityType: "SocialAccount" })).toEqual([ids.b, ids.polsek].sort());
    expect(await entities(w.adminA, { entityType: "SocialAccount" })).toEqual([ids.a]);
  });

  it("is refused to someone with no membership", async () => {
    const nobody = { id: "00000000-0000-4000-8000-000000000000", name: "x", email: "x@x", memberships: [] };
    expect(((await failure(listAudit(nobody, {}))) as AppError).code).toBe("FORBIDDEN");
  });

  it("offers the people of the reader's units in the person filter, not those of another Polda", async () => {
    const names = (await listAudit(w.adminA, {})).actors.map((a) => a.id);
    expect(names).toContain(w.adminA.id);
    expect(names).toContain(w.supervisorA.id);
    expect(names).toContain(w.leaderA.id);
    expect(names).not.toContain(w.adminB.id);
    expect(names).not.toContain(w.superadmin.id);
  });

  it("counts a Polda's log exactly up to AUDIT_COUNT_CAP (1,000) and then says there is more", async () => {
    const before = await listAudit(w.adminB, {});
    expect(before.more).toBe(false);
    await db.auditLog.createMany({
      data: Array.from({ length: AUDIT_COUNT_CAP }, (_, i) => ({
        actorId: w.adminB.id,
        action: "account.updated",
        entityType: "SocialAccount",
        entityId: ids.b,
        unitId: w.units.poldaB.id,
        unitPath: w.units.poldaB.path,
        after: { note: `uji ${i}` },
      })),
    });
    const after = await listAudit(w.adminB, {});
    expect(after.more).toBe(true);
    expect(after.total).toBe(AUDIT_COUNT_CAP);
    expect(after.pages).toBe(AUDIT_COUNT_CAP / 50);
    // Poldas beside it are not affected.
    expect((await listAudit(w.adminA, {})).more).toBe(false);
  });
});

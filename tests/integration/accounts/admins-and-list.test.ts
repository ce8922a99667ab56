import { beforeAll, describe, expect, it } from "vitest";
import { assignAdmins } from "@/server/accounts/assign-admins";
import { listAccounts } from "@/server/accounts/list-accounts";
import { db } from "@/server/db";
import { accountData } from "../../factories/accounts";
import { createUser } from "../../factories/users";
import { failure, fieldKeys, makeWorld, type World } from "./world";

let w: World;
let accounts: { polresA: string; polsekA: string; poldaB: string; disabled: string };
beforeAll(async () => {
  w = await makeWorld();
  const make = async (
    unitId: string,
    platform: "X" | "INSTAGRAM" | "TIKTOK",
    handle: string,
    status: "ACTIVE" | "DISABLED" = "ACTIVE",
  ) =>
    (
      await db.socialAccount.create({
        data: {
          ...accountData({ unitId, platform, handle: w.handle(handle), displayName: `Humas ${handle}` }),
          status,
        },
      })
    ).id;
  accounts = {
    polresA: await make(w.units.polresA.id, "X", "resa"),
    polsekA: await make(w.units.polsekA.id, "INSTAGRAM", "seka"),
    poldaB: await make(w.units.poldaB.id, "X", "poldab"),
    disabled: await make(w.units.polresA.id, "TIKTOK", "resa", "DISABLED"),
  };
});

describe("assigning admins", () => {
  it("assigns people working on the account's unit or above it, replacing the previous set, with an audit entry", async () => {
    await assignAdmins(w.adminA, { id: accounts.polresA, userIds: [w.adminA.id, w.adminPolresA.id] });
    await assignAdmins(w.adminA, { id: accounts.polresA, userIds: [w.adminPolresA.id, w.supervisorA.id] });
    const admins = await db.accountAdmin.findMany({ where: { accountId: accounts.polresA } });
    expect(admins.map((a) => a.userId).sort()).toEqual([w.adminPolresA.id, w.supervisorA.id].sort());
    const last = await db.auditLog.findFirstOrThrow({
      where: { entityId: accounts.polresA, action: "account.assignAdmins" },
      orderBy: { id: "desc" },
    });
    expect(last.before).toEqual({ admins: [w.adminA.email, w.adminPolresA.email].sort() });
    expect(last.after).toEqual({ admins: [w.adminPolresA.email, w.supervisorA.email].sort() });
  });

  it("refuses people from another Polda, LEADERSHIP and users without a membership", async () => {
    const loner = await createUser(db, {});
    for (const userId of [w.adminB.id, w.leaderA.id, loner.id]) {
      const error = await failure(assignAdmins(w.adminA, { id: accounts.polsekA, userIds: [userId] }));
      expect(fieldKeys(error)).toEqual({ userIds: "adminNotEligible" });
    }
    expect(await db.accountAdmin.count({ where: { accountId: accounts.polsekA } })).toBe(0);
  });

  it("refuses malformed user ids", async () => {
    expect(
      fieldKeys(await failure(assignAdmins(w.adminA, { id: accounts.polsekA, userIds: ["not-a-uuid"] }))),
    ).toHaveProperty("userIds.0");
  });
});

describe("the registry list", () => {
  it("shows each person only their subtree", async () => {
    const handlesOf = async (actor: World["adminA"], q = w.tag) =>
      (await listAccounts(actor, { q })).items.map((a) => a.handle).sort();
    expect(await handlesOf(w.adminA)).toEqual([w.handle("resa"), w.handle("resa"), w.handle("seka")].sort());
    expect(await handlesOf(w.adminB)).toEqual([w.handle("poldab")]);
    expect(await handlesOf(w.adminPolresA)).toEqual([w.handle("resa"), w.handle("resa"), w.handle("seka")].sort());
    expect((await handlesOf(w.superadmin)).length).toBe(4);
  });

  it("filters by unit subtree, platform, status and search, in the database", async () => {
    const list = (q: Record<string, string>) =>
      listAccounts(w.superadmin, { q: w.tag, ...q }).then((r) => r.items.map((a) => a.id).sort());
    expect(await list({ unitId: w.units.polresA.id })).toEqual(
      [accounts.polresA, accounts.polsekA, accounts.disabled].sort(),
    );
    expect(await list({ unitId: w.units.polresA.id, platform: "X" })).toEqual([accounts.polresA]);
    expect(await list({ status: "DISABLED" })).toEqual([accounts.disabled]);
    expect(await list({ q: `@${w.handle("SEKA")}` })).toEqual([accounts.polsekA]);
    expect(await listAccounts(w.superadmin, { q: "humas POLDAB" }).then((r) => r.items.map((a) => a.id))).toEqual([
      accounts.poldaB,
    ]);
  });

  it("does not widen the view when asked for a unit outside the caller's subtree", async () => {
    // Positive control: the same filter lists that unit's accounts for someone whose subtree holds it.
    expect((await listAccounts(w.adminB, { unitId: w.units.poldaB.id })).total).toBeGreaterThan(0);
    expect((await listAccounts(w.adminA, { unitId: w.units.poldaB.id })).total).toBe(0);
  });

  it("pages through many accounts", async () => {
    const data = Array.from({ length: 30 }, (_, i) =>
      accountData({ unitId: w.units.poldaB.id, platform: "LINE_OA", handle: w.handle(`line${i}`) }),
    );
    await db.socialAccount.createMany({ data });
    const first = await listAccounts(w.adminB, { platform: "LINE_OA" });
    const second = await listAccounts(w.adminB, { platform: "LINE_OA", page: "2" });
    expect(first.total).toBe(30);
    expect([first.items.length, second.items.length, first.pages]).toEqual([25, 5, 2]);
    expect(new Set([...first.items, ...second.items].map((a) => a.id)).size).toBe(30);
  });
});

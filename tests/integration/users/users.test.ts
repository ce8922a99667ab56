import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { verifyPassword } from "@/server/users/password";
import { type AppError } from "@/server/errors";
import { addMembership } from "@/server/users/add-membership";
import { createUser } from "@/server/users/create-user";
import { listUsers } from "@/server/users/list-users";
import { removeMembership } from "@/server/users/remove-membership";
import { resetPassword } from "@/server/users/reset-password";
import { setUserDisabled } from "@/server/users/set-user-disabled";
import { failure, fieldKeys, makeWorld, type World } from "../accounts/world";

let w: World;
let other: World;
beforeAll(async () => {
  w = await makeWorld();
  other = await makeWorld();
});

const newUser = (w: World, over: Record<string, unknown> = {}) => ({
  name: "Operator Baru",
  email: `Operator.${w.tag}.${Math.random().toString(36).slice(2, 6)}@Siar.TEST`,
  password: "kata-sandi-awal-2026",
  unitId: w.units.polresA.id,
  role: "ADMIN",
  ...over,
});

describe("creating users", () => {
  it("creates a user with an argon2id-hashed password and a first membership, audited without the password", async () => {
    const input = newUser(w);
    const { id } = await createUser(w.superadmin, input);
    const user = await db.user.findUniqueOrThrow({ where: { id }, include: { memberships: true } });
    expect(user.email).toBe(input.email.toLowerCase());
    expect(user.passwordHash).not.toContain(input.password);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(input.password, user.passwordHash)).toBe(true);
    expect(user.memberships).toMatchObject([{ unitId: w.units.polresA.id, role: "ADMIN" }]);
    const audits = await db.auditLog.findMany({
      where: { actorId: w.superadmin.id, OR: [{ entityId: id }, { entityId: user.memberships[0]!.id }] },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(["membership.add", "user.create"]);
    const json = JSON.stringify(audits, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(json).not.toContain(input.password);
    expect(json).not.toContain(user.passwordHash);
  });

  it("refuses a taken email (whatever its case), a short password, an ADMIN, and a unit of another tree", async () => {
    const first = newUser(w);
    await createUser(w.superadmin, first);
    const count = () => db.user.count({ where: { email: { contains: w.tag } } });
    const before = await count();
    expect(
      fieldKeys(await failure(createUser(w.superadmin, newUser(w, { email: first.email.toUpperCase() })))),
    ).toEqual({ email: "emailTaken" });
    expect(fieldKeys(await failure(createUser(w.superadmin, newUser(w, { password: "pendek" }))))).toEqual({
      password: "passwordTooShort",
    });
    expect(
      fieldKeys(await failure(createUser(w.superadmin, newUser(w, { email: "bukan-surel", role: "RAJA" })))),
    ).toEqual({ email: "invalidEmail", role: "roleUnknown" });
    expect(((await failure(createUser(w.adminA, newUser(w)))) as AppError).code).toBe("FORBIDDEN");
    expect(fieldKeys(await failure(createUser(w.superadmin, newUser(w, { unitId: other.units.poldaA.id }))))).toEqual({
      unitId: "unitOutsideScope",
    });
    expect(await count()).toBe(before);
  });
});

describe("disabling, enabling and resetting passwords", () => {
  it("disables a user, who then no longer resolves to an actor, and enables them again", async () => {
    const { id } = await createUser(w.superadmin, newUser(w));
    await setUserDisabled(w.superadmin, { id, disabled: true });
    expect(await loadActor(id)).toBeNull();
    await setUserDisabled(w.superadmin, { id, disabled: false });
    expect(await loadActor(id)).not.toBeNull();
    const actions = (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["user.create", "user.disable", "user.enable"]);
  });

  it("will not let a SUPERADMIN disable themselves, nor touch users of another tree", async () => {
    expect(fieldKeys(await failure(setUserDisabled(w.superadmin, { id: w.superadmin.id, disabled: true })))).toEqual({
      _form: "cannotDisableSelf",
    });
    expect(
      ((await failure(setUserDisabled(w.superadmin, { id: other.adminA.id, disabled: true }))) as AppError).code,
    ).toBe("FORBIDDEN");
    expect(await loadActor(other.adminA.id)).not.toBeNull();
  });

  it("resets a password and lifts a sign-in lock", async () => {
    const { id } = await createUser(w.superadmin, newUser(w));
    await db.user.update({ where: { id }, data: { failedLoginCount: 5, lockedUntil: new Date(Date.now() + 900_000) } });
    await resetPassword(w.superadmin, { id, password: "kata-sandi-baru-2026" });
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(await verifyPassword("kata-sandi-baru-2026", user.passwordHash)).toBe(true);
    expect([user.failedLoginCount, user.lockedUntil]).toEqual([0, null]);
    expect(fieldKeys(await failure(resetPassword(w.superadmin, { id, password: "123" })))).toEqual({
      password: "passwordTooShort",
    });
  });
});

describe("memberships", () => {
  it("adds a membership that widens what the user sees, refuses a duplicate, and removes it", async () => {
    const { id: userId } = await createUser(w.superadmin, newUser(w, { unitId: w.units.polsekA.id }));
    const { id } = await addMembership(w.superadmin, { userId, unitId: w.units.poldaB.id, role: "SUPERVISOR" });
    expect((await loadActor(userId))!.memberships.map((m) => m.role).sort()).toEqual(["ADMIN", "SUPERVISOR"]);
    const dupe = await failure(addMembership(w.superadmin, { userId, unitId: w.units.poldaB.id, role: "SUPERVISOR" }));
    expect((dupe as AppError).code).toBe("CONFLICT");
    expect(fieldKeys(dupe)).toEqual({ unitId: "membershipExists" });
    await removeMembership(w.superadmin, { id });
    expect((await loadActor(userId))!.memberships.map((m) => m.role)).toEqual(["ADMIN"]);
    const audits = (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } })).map((a) => [
      a.action,
      a.unitId,
    ]);
    expect(audits).toEqual([
      ["membership.add", w.units.poldaB.id],
      ["membership.remove", w.units.poldaB.id],
    ]);
  });

  it("refuses memberships on units outside the caller's tree, and removing one's own", async () => {
    expect(
      fieldKeys(
        await failure(addMembership(w.superadmin, { userId: w.adminA.id, unitId: other.units.root.id, role: "ADMIN" })),
      ),
    ).toEqual({ unitId: "unitOutsideScope" });
    const own = await db.membership.findFirstOrThrow({ where: { userId: w.superadmin.id } });
    expect(fieldKeys(await failure(removeMembership(w.superadmin, { id: own.id })))).toEqual({
      _form: "cannotRemoveOwnMembership",
    });
    expect(((await failure(removeMembership(w.adminA, { id: own.id }))) as AppError).code).toBe("FORBIDDEN");
    expect(await db.membership.count({ where: { id: own.id } })).toBe(1);
  });

  it("lists only users of the caller's tree", async () => {
    const emails = (await listUsers(w.superadmin, { q: w.tag })).items.map((u) => u.name);
    expect(emails).toContain(`Admin A ${w.tag}`);
    expect((await listUsers(w.superadmin, { q: other.tag })).total).toBe(0);
    expect(((await failure(listUsers(w.adminA, {}))) as AppError).code).toBe("FORBIDDEN");
  });
});

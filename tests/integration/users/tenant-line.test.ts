import { beforeAll, describe, expect, it } from "vitest";
import type { Unit } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { addMembership } from "@/server/users/add-membership";
import { listUsers } from "@/server/users/list-users";
import { createUser as createUserAs } from "@/server/users/create-user";
import { removeMembership } from "@/server/users/remove-membership";
import { resetPassword } from "@/server/users/reset-password";
import { setUserDisabled } from "@/server/users/set-user-disabled";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// Scopes cut at the tenant line (decision 0009): a user whose last membership was removed still belongs to
// their organisation's root; only a SUPERADMIN over that root manages them, not a SUPERADMIN anywhere.

let rootA: Unit, poldaA: Unit, rootB: Unit;
let superA: Actor, superB: Actor, superPoldaA: Actor;

const actor = async (unitId: string) =>
  (await loadActor((await createUser(db, { memberships: [{ unitId, role: "SUPERADMIN" }] })).id))!;

async function code(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  rootA = await createUnit(db, { name: "Organisasi A", kind: "Mabes" });
  poldaA = await createUnit(db, { name: "Polda A", kind: "Polda", parent: rootA });
  rootB = await createUnit(db, { name: "Organisasi B", kind: "Pemprov" });
  superA = await actor(rootA.id);
  superB = await actor(rootB.id);
  superPoldaA = await actor(poldaA.id);
});

async function userWithoutMemberships() {
  const { id } = await createUserAs(superA, {
    email: `tanpa-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@siar.test`,
    name: "Tanpa Keanggotaan",
    password: "kata-sandi-panjang-2026",
    unitId: poldaA.id,
    role: "ADMIN",
  });
  const membership = await db.membership.findFirstOrThrow({ where: { userId: id } });
  await removeMembership(superA, { id: membership.id });
  return id;
}

describe("a user with no memberships left", () => {
  it("stays with their organisation's root: another organisation's SUPERADMIN cannot manage them", async () => {
    const id = await userWithoutMemberships();
    expect((await db.user.findUniqueOrThrow({ where: { id } })).rootUnitId).toBe(rootA.id);
    expect(await code(() => resetPassword(superB, { id, password: "diambil-alih-2026" }))).toBe("FORBIDDEN");
    expect(await code(() => setUserDisabled(superB, { id, disabled: true }))).toBe("FORBIDDEN");
    expect(await code(() => addMembership(superB, { userId: id, unitId: rootB.id, role: "SUPERADMIN" }))).toBe(
      "FORBIDDEN",
    );
    expect(await db.membership.count({ where: { userId: id } })).toBe(0);
  });

  it("is listed only to those who manage users over their root", async () => {
    const id = await userWithoutMemberships();
    const listed = async (who: Actor) =>
      (await listUsers(who, { q: "Tanpa Keanggotaan" })).items.some((u) => u.id === id);
    expect(await listed(superA)).toBe(true);
    expect(await listed(superB)).toBe(false);
    expect(await listed(superPoldaA)).toBe(false);
  });

  it("needs SUPERADMIN over the root, not of a unit below it", async () => {
    const id = await userWithoutMemberships();
    expect(await code(() => setUserDisabled(superPoldaA, { id, disabled: true }))).toBe("FORBIDDEN");
    expect(await code(() => setUserDisabled(superA, { id, disabled: true }))).toBe("OK");
  });

  it("keeps a SUPERADMIN from adding a membership to a user of another organisation", async () => {
    const other = await createUser(db, { memberships: [{ unitId: poldaA.id, role: "ADMIN" }] });
    expect(await code(() => addMembership(superB, { userId: other.id, unitId: rootB.id, role: "SUPERADMIN" }))).toBe(
      "FORBIDDEN",
    );
  });
});

import { beforeAll, describe, expect, it, vi } from "vitest";

// The audit write fails on demand, to prove that a change and its audit entry land together or not at all.
const control = vi.hoisted(() => ({ fail: false }));
vi.mock("@/server/audit/write-audit", async () => {
  const real = await vi.importActual<typeof import("@/server/audit/write-audit")>("@/server/audit/write-audit");
  return {
    ...real,
    writeAudit: async (...args: Parameters<typeof real.writeAudit>) => {
      await real.writeAudit(...args);
      if (control.fail) throw new Error("audit storage unavailable");
    },
  };
});

import { connectCredentials } from "@/server/accounts/connect-credentials";
import { createAccount } from "@/server/accounts/create-account";
import { db } from "@/server/db";
import { updateUnit } from "@/server/units/update-unit";
import { addMembership } from "@/server/users/add-membership";
import { accountData } from "../../factories/accounts";
import { auditCount, failure, makeWorld, type World } from "../accounts/world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

/** Runs the change with the audit write failing; the change must fail with exactly that error. */
async function withFailingAudit(run: () => Promise<unknown>) {
  control.fail = true;
  try {
    const error = await failure(run());
    // Any earlier refusal (a validation error, a missing right) would also "change nothing": make sure
    // the change got as far as its audit entry.
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("audit storage unavailable");
    return error;
  } finally {
    control.fail = false;
  }
}

describe("a change whose audit entry cannot be written", () => {
  it("registers no account", async () => {
    const handle = w.handle("rollback");
    const before = await auditCount(w.adminA);
    await withFailingAudit(() =>
      createAccount(w.adminA, {
        unitId: w.units.polresA.id,
        platform: "X",
        handle,
        displayName: "x",
        platformAccountId: `rb-${w.tag}`,
        officialConfirmed: true,
      }),
    );
    expect(await db.socialAccount.count({ where: { handle } })).toBe(0);
    expect(await auditCount(w.adminA)).toBe(before);
  });

  it("stores no credentials", async () => {
    const a = await db.socialAccount.create({
      data: accountData({ unitId: w.units.polresA.id, platform: "TIKTOK", handle: w.handle("tt") }),
    });
    await withFailingAudit(() =>
      connectCredentials(w.superadmin, { id: a.id, accessToken: "tok", expiresAt: "2031-01-01T00:00" }),
    );
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } })).accessTokenEnc).toBeNull();
  });

  it("moves no unit, not even part of its subtree", async () => {
    const u = w.units.polresA;
    await withFailingAudit(() =>
      updateUnit(w.superadmin, {
        id: u.id,
        name: u.name,
        code: u.code,
        kind: u.kind,
        timeZone: u.timeZone,
        parentId: w.units.poldaB.id,
      }),
    );
    const [polres, polsek] = await Promise.all([
      db.unit.findUniqueOrThrow({ where: { id: u.id } }),
      db.unit.findUniqueOrThrow({ where: { id: w.units.polsekA.id } }),
    ]);
    expect([polres.parentId, polres.path, polsek.path]).toEqual([w.units.poldaA.id, u.path, w.units.polsekA.path]);
    expect(await db.auditLog.count({ where: { entityId: u.id } })).toBe(0);
  });

  it("adds no membership", async () => {
    await withFailingAudit(() =>
      addMembership(w.superadmin, { userId: w.adminB.id, unitId: w.units.poldaA.id, role: "ADMIN" }),
    );
    expect(await db.membership.count({ where: { userId: w.adminB.id } })).toBe(1);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Role, Unit } from "@/generated/prisma/client";
import { actions, type Action } from "@/server/auth/policy";
import { assertCan, loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { exportSheet, importTemplate } from "@/server/imports/export-sheet";
import { previewImport } from "@/server/imports/run-import";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";

// Every role × every action × (own subtree, another subtree, the parent above the membership),
// decided by the server's guard on an actor loaded from the database. The expectations are written
// out by hand here, independently of the policy table, so a change to either shows up.
const Y = true;
const N = false;
// RESPONDER (Petugas Fungsi, issue 16) reads and answers what was forwarded to its function unit, and
// nothing else: no publishing, no accounts, no units.
//                               ADMIN SUPERVISOR LEADERSHIP SUPERADMIN RESPONDER
const ownSubtree: Record<Action, [boolean, boolean, boolean, boolean, boolean]> = {
  "unit.read": [Y, Y, Y, Y, N],
  "unit.manage": [N, N, N, Y, N],
  "account.read": [Y, Y, Y, Y, N],
  "account.create": [Y, Y, N, Y, N],
  "account.update": [Y, Y, N, Y, N],
  "account.disable": [Y, Y, N, Y, N],
  // Pasting tokens by hand is SUPERADMIN's documented fallback; everyone else connects through the platform
  // ("Sambungkan akun", account.link), LINE through its own page that checks the token with LINE (issue 12).
  "account.connect": [N, N, N, Y, N],
  "account.link": [Y, N, N, Y, N],
  "account.assignAdmins": [Y, Y, N, Y, N],
  "account.verify": [N, N, N, N, N],
  "user.manage": [N, N, N, Y, N],
  "audit.read": [Y, Y, Y, Y, N],
  "post.read": [Y, Y, Y, Y, N],
  "post.compose": [Y, Y, N, N, N],
  "post.schedule": [Y, Y, N, N, N],
  "post.cancel": [Y, Y, N, N, N],
  "post.approve": [N, Y, N, N, N],
  "publishing.pause": [N, Y, N, N, N],
  "leaderboard.read": [Y, Y, Y, Y, N],
  "weights.manage": [N, N, N, Y, N],
  "interaction.read": [Y, Y, N, N, N],
  "interaction.triage": [Y, Y, N, N, N],
  "interaction.forward": [Y, Y, N, N, N],
  "interaction.reply": [Y, Y, N, N, N],
  "interaction.approveReply": [N, Y, N, N, N],
  "interaction.configure": [N, Y, N, Y, N],
  "interaction.privacy": [Y, N, N, Y, N],
  "disposition.read": [N, N, N, N, Y],
  "disposition.answer": [N, N, N, N, Y],
};
// Actions done from above: allowed strictly below the membership's unit, not on it.
const belowOnly: Partial<Record<Action, [boolean, boolean, boolean, boolean, boolean]>> = {
  "account.verify": [N, Y, N, N, N],
};
const roles: Role[] = ["ADMIN", "SUPERVISOR", "LEADERSHIP", "SUPERADMIN", "RESPONDER"];

let root: Unit, polda: Unit, polres: Unit, otherPolda: Unit, otherPolres: Unit;
const actors = new Map<Role, Actor>();

beforeAll(async () => {
  root = await createUnit(db, { name: "Mabes Uji", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Uji", kind: "Polda", parent: root, timeZone: "Asia/Makassar" });
  polres = await createUnit(db, { name: "Polres Uji", kind: "Polres", parent: polda });
  otherPolda = await createUnit(db, { name: "Polda Lain", kind: "Polda", parent: root });
  otherPolres = await createUnit(db, { name: "Polres Lain", kind: "Polres", parent: otherPolda });
  for (const role of roles) {
    const user = await createUser(db, { memberships: [{ unitId: polda.id, role }] });
    actors.set(role, (await loadActor(user.id))!);
  }
});

function decision(actor: Actor, action: Action, unit: Unit): boolean {
  try {
    assertCan(actor, action, unit);
    return true;
  } catch {
    return false;
  }
}

describe("authorization table", () => {
  it("covers every action the policy knows", () => {
    expect(Object.keys(ownSubtree).sort()).toEqual([...actions].sort());
  });

  for (const [r, role] of roles.entries()) {
    for (const action of actions) {
      const allowed = ownSubtree[action][r];
      it(`${role} ${allowed ? "may" : "may not"} ${action} in its own unit and below; never in another subtree or above`, () => {
        const actor = actors.get(role)!;
        expect(decision(actor, action, polda)).toBe(allowed);
        expect(decision(actor, action, polres)).toBe(belowOnly[action]?.[r] ?? allowed);
        expect(decision(actor, action, otherPolda)).toBe(false);
        expect(decision(actor, action, otherPolres)).toBe(false);
        expect(decision(actor, action, root)).toBe(false);
      });
    }
  }

  it("lets a supervisor verify accounts of the units below and, through a higher membership, of its own unit", async () => {
    const user = await createUser(db, {
      memberships: [
        { unitId: polda.id, role: "SUPERVISOR" },
        { unitId: root.id, role: "SUPERVISOR" },
      ],
    });
    const actor = (await loadActor(user.id))!;
    expect(decision(actor, "account.verify", polda)).toBe(true);
    expect(decision(actor, "account.verify", polres)).toBe(true);
    expect(decision(actor, "account.verify", root)).toBe(false);
  });

  // The spreadsheet import's routes (decision 0013): units for SUPERADMIN, accounts for those who register them.
  //                                      ADMIN SUPERVISOR LEADERSHIP SUPERADMIN RESPONDER
  const imports: Record<"units" | "accounts", [boolean, boolean, boolean, boolean, boolean]> = {
    units: [N, N, N, Y, N],
    accounts: [Y, Y, N, Y, N],
  };
  for (const [r, role] of roles.entries()) {
    for (const kind of ["units", "accounts"] as const) {
      const allowed = imports[kind][r];
      it(`${role} ${allowed ? "may" : "may not"} preview, template and export an import of ${kind}`, async () => {
        const actor = actors.get(role)!;
        const file = {
          name: "x.csv",
          bytes: new TextEncoder().encode(kind === "units" ? "kode_unit\nX" : "platform\nX"),
        };
        const outcome = async (p: Promise<unknown>) =>
          p.then(
            () => "allowed",
            (e: unknown) => ((e as { code?: string }).code === "FORBIDDEN" ? "refused" : "allowed"),
          );
        const expected = allowed ? "allowed" : "refused";
        expect(await outcome(previewImport(actor, kind, file))).toBe(expected);
        expect(await outcome(importTemplate(actor, kind, "csv"))).toBe(expected);
        expect(await outcome(exportSheet(actor, kind, "csv"))).toBe(expected);
      });
    }
  }

  it("takes a removed membership away at once, since roles are read from the database", async () => {
    const user = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
    expect(decision((await loadActor(user.id))!, "account.create", polres)).toBe(true);
    await db.membership.deleteMany({ where: { userId: user.id } });
    expect(decision((await loadActor(user.id))!, "account.create", polres)).toBe(false);
  });

  it("refuses a disabled user entirely", async () => {
    const user = await createUser(db, { memberships: [{ unitId: polda.id, role: "SUPERVISOR" }] });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await loadActor(user.id)).toBeNull();
  });
});

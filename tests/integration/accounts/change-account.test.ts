import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "@/server/accounts/create-account";
import { setAccountDisabled } from "@/server/accounts/set-account-disabled";
import { updateAccount } from "@/server/accounts/update-account";
import { db } from "@/server/db";
import { type AppError } from "@/server/errors";
import { accountData } from "../../factories/accounts";
import { auditCount, failure, fieldKeys, makeWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

async function account(w: World, over: Partial<Parameters<typeof accountData>[0]> = {}) {
  return db.socialAccount.create({
    data: accountData({
      unitId: w.units.polresA.id,
      platform: "FACEBOOK_PAGE",
      handle: w.handle(`fb${Math.random().toString(36).slice(2, 7)}`),
      ...over,
    }),
  });
}

const edit = (
  a: { id: string; unitId: string; handle: string; displayName: string; platformAccountId: string },
  over: Record<string, unknown> = {},
) => ({
  id: a.id,
  unitId: a.unitId,
  handle: a.handle,
  displayName: a.displayName,
  platformAccountId: a.platformAccountId,
  ...over,
});

describe("editing an account", () => {
  it("saves new details, may move it within the caller's subtree, and audits before and after", async () => {
    const a = await account(w);
    await updateAccount(
      w.adminA,
      edit(a, { displayName: "Humas Polsek A", unitId: w.units.polsekA.id, handle: "@NEW_" + w.tag }),
    );
    const row = await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ displayName: "Humas Polsek A", unitId: w.units.polsekA.id, handle: `new_${w.tag}` });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: a.id, action: "account.update" } });
    expect(audit.before).toMatchObject({ displayName: a.displayName, unitId: w.units.polresA.id });
    expect(audit.after).toMatchObject({ displayName: "Humas Polsek A", unitId: w.units.polsekA.id });
  });

  it("refuses moving an account into another Polda and leaves it where it was", async () => {
    const a = await account(w);
    const audits = await auditCount(w.adminA);
    const error = await failure(updateAccount(w.adminA, edit(a, { unitId: w.units.polresB.id })));
    expect(fieldKeys(error)).toEqual({ unitId: "unitOutsideScope" });
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } })).unitId).toBe(w.units.polresA.id);
    expect(await auditCount(w.adminA)).toBe(audits);
  });

  it("refuses an admin of another Polda outright (403), and one who cannot see it gets 404", async () => {
    const a = await account(w);
    expect(((await failure(updateAccount(w.adminB, edit(a, { displayName: "x" })))) as AppError).code).toBe(
      "NOT_FOUND",
    );
    expect(((await failure(updateAccount(w.leaderA, edit(a, { displayName: "x" })))) as AppError).code).toBe(
      "FORBIDDEN",
    );
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } })).displayName).toBe(a.displayName);
  });

  it("refuses taking a handle another account of the platform already has", async () => {
    const a = await account(w);
    const b = await account(w);
    const error = await failure(updateAccount(w.adminA, edit(b, { handle: a.handle.toUpperCase() })));
    expect((error as AppError).code).toBe("CONFLICT");
    expect(fieldKeys(error)).toEqual({ handle: "handleTaken" });
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: b.id } })).handle).toBe(b.handle);
  });

  it("refuses a malformed id with a field message", async () => {
    expect(
      fieldKeys(
        await failure(
          updateAccount(w.adminA, {
            id: "42",
            unitId: w.units.polresA.id,
            handle: "a",
            displayName: "a",
            platformAccountId: "a",
          }),
        ),
      ),
    ).toMatchObject({ id: "Invalid UUID" });
  });
});

describe("disabling and re-enabling", () => {
  it("disables an account and re-enables it as needing reconnection when it has no credentials", async () => {
    const created = await createAccount(w.adminA, {
      unitId: w.units.polresA.id,
      platform: "YOUTUBE",
      handle: w.handle("tv"),
      displayName: "TV",
      platformAccountId: `yt-${w.tag}`,
      officialConfirmed: true,
    });
    await setAccountDisabled(w.supervisorA, { id: created.id, disabled: true });
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("DISABLED");
    await setAccountDisabled(w.supervisorA, { id: created.id, disabled: false });
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("NEEDS_RECONNECT");
    const actions = (await db.auditLog.findMany({ where: { entityId: created.id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["account.create", "account.disable", "account.enable"]);
  });

  it("re-enables a connected account as active", async () => {
    const a = await account(w, { connect: true });
    await setAccountDisabled(w.adminA, { id: a.id, disabled: true });
    await setAccountDisabled(w.adminA, { id: a.id, disabled: false });
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("ACTIVE");
  });

  it("does not let LEADERSHIP disable anything", async () => {
    const a = await account(w);
    expect(((await failure(setAccountDisabled(w.leaderA, { id: a.id, disabled: true }))) as AppError).code).toBe(
      "FORBIDDEN",
    );
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("ACTIVE");
  });
});

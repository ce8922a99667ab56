import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/server/auth/guards";
import { createAccount as registerAccount } from "@/server/accounts/create-account";
import { getAccount } from "@/server/accounts/get-account";
import { listVerificationQueue } from "@/server/accounts/list-verification-queue";
import { rejectAccount } from "@/server/accounts/reject-account";
import { updateAccount } from "@/server/accounts/update-account";
import { verifyAccounts } from "@/server/accounts/verify-accounts";
import { db } from "@/server/db";
import type { AppError } from "@/server/errors";
import { approvePostAs } from "@/server/posts/decide-post";
import { loadComposerData } from "@/server/posts/load-composer-data";
import { savePost } from "@/server/posts/save-post";
import { listUnitTree } from "@/server/units/list-unit-tree";
import { createAccount } from "../../factories/accounts";
import { createUser } from "../../factories/users";
import { failure, fieldKeys, makeWorld, type World } from "./world";

let w: World;
let supervisorRoot: Actor, supervisorPolresA: Actor;

const register = (actor: Actor, unitId: string, handle: string) =>
  registerAccount(actor, {
    unitId,
    platform: "INSTAGRAM",
    handle,
    displayName: `Humas ${handle}`,
    platformAccountId: `ig-${handle}`,
    officialConfirmed: true,
  });

const stateOf = async (id: string) =>
  (await db.socialAccount.findUniqueOrThrow({ where: { id }, select: { verification: true } })).verification;

beforeAll(async () => {
  w = await makeWorld();
  const person = async (role: "SUPERVISOR", unitId: string) =>
    (await loadActor((await createUser(db, { memberships: [{ unitId, role }] })).id))!;
  supervisorRoot = await person("SUPERVISOR", w.units.root.id);
  supervisorPolresA = await person("SUPERVISOR", w.units.polresA.id);
});

describe("accounts verified by HQ", () => {
  it("starts an account registered below the top unit as awaiting, and one of the top unit as verified", async () => {
    const below = await register(w.adminPolresA, w.units.polresA.id, w.handle("baru"));
    expect(below.verification).toBe("PENDING");
    const top = await register(w.superadmin, w.units.root.id, w.handle("pusat"));
    expect(top.verification).toBe("VERIFIED");
  });

  it("lets a supervisor of an ancestor verify, never one of the account's own unit nor another subtree", async () => {
    const account = await register(w.adminPolresA, w.units.polresA.id, w.handle("cek"));
    // The Polres' own supervisor is not HQ for it; Polda B's admin has no say; ADMIN A may not verify.
    expect(await failure(verifyAccounts(supervisorPolresA, { ids: [account.id] }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await failure(verifyAccounts(w.adminA, { ids: [account.id] }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(verifyAccounts(w.adminB, { ids: [account.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await stateOf(account.id)).toBe("PENDING");

    expect((await getAccount(w.supervisorA, account.id)).can.verify).toBe(true);
    expect((await getAccount(supervisorPolresA, account.id)).can.verify).toBe(false);
    expect(await verifyAccounts(w.supervisorA, { ids: [account.id] })).toEqual({ verified: 1 });
    const after = await db.socialAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({ verification: "VERIFIED", verificationById: w.supervisorA.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: account.id, action: "account.verify" } });
    expect(audit).toMatchObject({ actorId: w.supervisorA.id, after: { verification: "VERIFIED" } });
    // Decided once: a second decision is refused.
    expect(await failure(verifyAccounts(supervisorRoot, { ids: [account.id] }))).toMatchObject({ code: "CONFLICT" });
  });

  it("does not let the person who registered an account verify it", async () => {
    const account = await register(w.supervisorA, w.units.polresA.id, w.handle("sendiri"));
    const queue = await listVerificationQueue(w.supervisorA, {});
    expect(queue.items.find((i) => i.id === account.id)).toMatchObject({ mine: true });
    const error = await failure(verifyAccounts(w.supervisorA, { ids: [account.id] }));
    expect(error).toMatchObject({ code: "FORBIDDEN", messageKey: "verification.ownRegistration" });
    expect(await verifyAccounts(supervisorRoot, { ids: [account.id] })).toEqual({ verified: 1 });
  });

  it("verifies many at once or none: one account outside the caller's rights refuses them all", async () => {
    const a = await register(w.adminPolresA, w.units.polresA.id, w.handle("satu"));
    const b = await register(w.adminPolresA, w.units.polsekA.id, w.handle("dua"));
    const foreign = await register(w.adminB, w.units.polresB.id, w.handle("lain"));
    expect(await failure(verifyAccounts(w.supervisorA, { ids: [a.id, b.id, foreign.id] }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect([await stateOf(a.id), await stateOf(b.id)]).toEqual(["PENDING", "PENDING"]);
    expect(await verifyAccounts(w.supervisorA, { ids: [a.id, b.id] })).toEqual({ verified: 2 });
  });

  it("rejects with a reason, audited, and a change to the checked facts sends it back to awaiting", async () => {
    const account = await register(w.adminPolresA, w.units.polresA.id, w.handle("tolak"));
    expect(fieldKeys(await failure(rejectAccount(w.supervisorA, { id: account.id, reason: "  " })))).toEqual({
      reason: "verification.reasonRequired",
    });
    await rejectAccount(w.supervisorA, { id: account.id, reason: "Tautan profil mengarah ke akun pribadi." });
    const rejected = await getAccount(w.adminPolresA, account.id);
    expect(rejected).toMatchObject({
      verification: "REJECTED",
      verificationNote: "Tautan profil mengarah ke akun pribadi.",
    });
    expect(
      await db.auditLog.findFirstOrThrow({ where: { entityId: account.id, action: "account.reject" } }),
    ).toMatchObject({ actorId: w.supervisorA.id, after: { reason: "Tautan profil mengarah ke akun pribadi." } });

    const fixed = await updateAccount(w.adminPolresA, {
      id: account.id,
      unitId: w.units.polresA.id,
      handle: account.handle,
      displayName: account.displayName,
      platformAccountId: account.platformAccountId,
      profileUrl: `https://www.instagram.com/${account.handle}_resmi`,
    });
    expect(fixed).toMatchObject({ verification: "PENDING", verificationNote: null });
  });

  it("counts what awaits verification per unit and subtree in the unit tree", async () => {
    const world = await makeWorld();
    await register(world.adminPolresA, world.units.polsekA.id, world.handle("a"));
    await register(world.adminPolresA, world.units.polresA.id, world.handle("b"));
    const find = (nodes: Awaited<ReturnType<typeof listUnitTree>>, id: string): (typeof nodes)[number] | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const hit = find(n.children, id);
        if (hit) return hit;
      }
      return undefined;
    };
    const tree = await listUnitTree(world.supervisorA);
    expect(find(tree, world.units.poldaA.id)?.subtreeAwaiting).toBe(2);
    expect(find(tree, world.units.polsekA.id)?.subtreeAwaiting).toBe(1);
  });
});

describe("only verified accounts can be targeted", () => {
  it("leaves awaiting and rejected accounts out of the composer and refuses them on save", async () => {
    const pending = await createAccount(db, { unitId: w.units.polresA.id, platform: "X", verification: "PENDING" });
    const rejected = await createAccount(db, { unitId: w.units.polresA.id, platform: "X", verification: "REJECTED" });
    const verified = await createAccount(db, { unitId: w.units.polresA.id, platform: "X" });
    const offered = (await loadComposerData(w.adminA)).accounts.map((a) => a.id);
    expect(offered).toContain(verified.id);
    expect(offered).not.toContain(pending.id);
    expect(offered).not.toContain(rejected.id);

    const save = (accountId: string) =>
      savePost(w.adminA, {
        unitId: w.units.poldaA.id,
        baseText: "Uji verifikasi",
        targets: [{ accountId }],
        intent: "draft",
      });
    for (const id of [pending.id, rejected.id]) {
      const error = (await failure(save(id))) as AppError;
      expect(fieldKeys(error)).toEqual({ [`target.${id}`]: "verification.targetUnverified" });
    }
    expect(await save(verified.id)).toMatchObject({ status: "DRAFT" });
  });

  it("refuses to approve a post whose account lost its verification after the draft was written", async () => {
    const account = await createAccount(db, { unitId: w.units.polresA.id, platform: "X", connect: true });
    const { postId } = await savePost(w.adminA, {
      unitId: w.units.poldaA.id,
      baseText: "Uji persetujuan",
      targets: [{ accountId: account.id, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }],
      intent: "submit",
    });
    await db.socialAccount.update({ where: { id: account.id }, data: { verification: "PENDING" } });
    const error = await failure(approvePostAs(w.supervisorA, { postId, version: 1 }));
    expect(error).toMatchObject({
      code: "VALIDATION",
      messageKey: "verification.targetsUnverified",
      params: { count: 1 },
    });
    expect(await db.postTarget.count({ where: { postId, status: "SCHEDULED" } })).toBe(0);
  });
});

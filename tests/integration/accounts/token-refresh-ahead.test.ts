import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../support/emulator";
import { startTestEmulator } from "../../support/emulator";

// Token health over real HTTP against the emulator: the daily run renews an Instagram token 10 days before
// it ends; an account the platform revoked turns NEEDS_RECONNECT at that first refusal, shows on the home
// page's list, and its scheduled target waits (not claimed, not failed) until the account is connected
// again, or fails once 24 hours past its time.

const emu: TestEmulator = await startTestEmulator();
const { db } = await import("@/server/db");
const { open, seal } = await import("@/server/crypto/secret-box");
const { createAdapters } = await import("@/platforms/registry");
const { refreshTokensAhead } = await import("@/server/accounts/refresh-ahead");
const { listAccountsToReconnect } = await import("@/server/accounts/token-health");
const { claimTarget } = await import("@/server/publishing/claim-target");
const { makeWorld } = await import("./world");
const { createAccount } = await import("../../factories/accounts");

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;
const DAY = 86_400_000;

const adapters = () =>
  createAdapters({
    baseUrls: emu.baseUrls,
    googleOauthBaseUrl: emu.googleOauthBaseUrl,
    clients: { TIKTOK: { id: "siar-test-tiktok", secret: "rahasia" } },
    timeoutMs: 10_000,
    pollIntervalMs: 50,
    maxPolls: 5,
    rateLimitFallbackMs: 1_000,
  });

beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => {
  await emu?.close();
});

describe("the daily token run", () => {
  it("renews an Instagram token 10 days from its end to a fresh 60 days, audited, and leaves a young one alone", async () => {
    const ig = await createAccount(db, { unitId: w.units.poldaA.id, platform: "INSTAGRAM", connect: true });
    const young = await createAccount(db, { unitId: w.units.poldaA.id, platform: "INSTAGRAM", connect: true });
    await db.socialAccount.update({
      where: { id: ig.id },
      data: { tokenExpiresAt: new Date(Date.now() + 10 * DAY), credentialsUpdatedAt: new Date(Date.now() - 50 * DAY) },
    });
    // Ends in 40 days: nothing to do yet.
    await db.socialAccount.update({
      where: { id: young.id },
      data: { tokenExpiresAt: new Date(Date.now() + 40 * DAY) },
    });
    const run = await refreshTokensAhead({ adapters: adapters(), timeoutMs: 10_000, accountIds: [ig.id, young.id] });
    expect(run).toEqual({ refreshed: 1, needReconnect: 0, failed: 0 });
    const after = await db.socialAccount.findUniqueOrThrow({ where: { id: ig.id } });
    expect(after.status).toBe("ACTIVE");
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * DAY);
    expect(open(after.accessTokenEnc!)).not.toBe(open(ig.accessTokenEnc!));
    expect(await db.auditLog.count({ where: { entityId: ig.id, action: "account.tokenRefreshed" } })).toBe(1);
    const untouched = await db.socialAccount.findUniqueOrThrow({ where: { id: young.id } });
    expect(untouched.accessTokenEnc).toBe(young.accessTokenEnc);
  });
});

describe("an account revoked on the platform", () => {
  it("turns NEEDS_RECONNECT at the first refusal, is listed for a reconnect, and its scheduled target waits", async () => {
    const tt = await createAccount(db, { unitId: w.units.poldaA.id, platform: "TIKTOK", connect: true });
    await emu.tokens({ platform: "tiktok", account: tt.platformAccountId, action: "revoke" });
    const run = await refreshTokensAhead({ adapters: adapters(), timeoutMs: 10_000, accountIds: [tt.id] });
    expect(run.needReconnect).toBe(1);
    expect((await db.socialAccount.findUniqueOrThrow({ where: { id: tt.id } })).status).toBe("NEEDS_RECONNECT");
    // The home page's list for the Polda's ADMIN.
    const listed = await listAccountsToReconnect(w.adminA);
    expect(listed.find((a) => a.id === tt.id)).toMatchObject({ reason: "refused" });

    // A target due now is not claimed: it stays SCHEDULED, not FAILED.
    const postId = randomUUID();
    await db.post.create({
      data: { id: postId, authorId: w.adminA.id, unitId: w.units.poldaA.id, baseText: "Himbauan", approvedVersion: 1 },
    });
    const targetId = randomUUID();
    await db.postTarget.create({
      data: {
        id: targetId,
        postId,
        accountId: tt.id,
        status: "SCHEDULED",
        scheduledAt: new Date(Date.now() - 60_000),
        lastError: "access_token_invalid",
        lastErrorKind: "reconnect",
      },
    });
    expect(await claimTarget(targetId)).toEqual({ kind: "gone" });
    expect(await db.postTarget.findUniqueOrThrow({ where: { id: targetId } })).toMatchObject({
      status: "SCHEDULED",
      lastErrorKind: "reconnect",
      attempts: 0,
    });

    // Connected again: it goes (claimed for publishing).
    await db.socialAccount.update({
      where: { id: tt.id },
      data: { status: "ACTIVE", accessTokenEnc: seal(`demo-access-${tt.platformAccountId}~2`) },
    });
    expect((await claimTarget(targetId)).kind).toBe("claimed");

    // Another one whose time is 25 hours past while the account still needs a person: it fails, with why.
    await db.socialAccount.update({ where: { id: tt.id }, data: { status: "NEEDS_RECONNECT" } });
    const late = randomUUID();
    await db.postTarget.create({
      data: {
        id: late,
        postId: (
          await db.post.create({
            data: {
              id: randomUUID(),
              authorId: w.adminA.id,
              unitId: w.units.poldaA.id,
              baseText: "Lama",
              approvedVersion: 1,
            },
          })
        ).id,
        accountId: tt.id,
        status: "SCHEDULED",
        scheduledAt: new Date(Date.now() - 25 * 3_600_000),
        lastError: "access_token_invalid",
        lastErrorKind: "reconnect",
      },
    });
    expect(await claimTarget(late)).toEqual({ kind: "gone" });
    const failed = await db.postTarget.findUniqueOrThrow({ where: { id: late } });
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toContain("not connected again within 24 hours");
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Platform, SocialAccount } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { dueAccounts } from "@/server/interactions/poll-inbox";
import { startWorker, type RunningWorker } from "@/worker/start-worker";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { dropQueueKeys, queuePrefix, testEngineConfig } from "../engine/support/engine";

// Polled ingestion (issue 16): the real worker's repeating round reads X mentions (since_id), YouTube comment
// threads and, with Meta's webhooks not set up, Instagram comments on recent posts, over HTTP from the emulator;
// each item is stored once however often it is read, comments on Siar's posts are linked to them, the cursor
// moves forward, and an account whose token the platform revoked is marked for reconnecting.

let emu: TestEmulator;
let worker: RunningWorker;
let x: SocialAccount, youtube: SocialAccount, instagram: SocialAccount;
let unitId: string, authorId: string;

async function publishedTarget(account: SocialAccount, platformPostId: string) {
  const post = await db.post.create({
    data: { id: randomUUID(), authorId, unitId, baseText: "Operasi Zebra dimulai Senin" },
  });
  return db.postTarget.create({
    data: {
      id: randomUUID(),
      postId: post.id,
      accountId: account.id,
      status: "PUBLISHED",
      platformPostId,
      publishedAt: new Date(),
    },
  });
}

beforeAll(async () => {
  emu = await startTestEmulator();
  const polda = await createUnit(db, { name: "Polda Warga Polling", kind: "Polda", timeZone: "Asia/Makassar" });
  unitId = polda.id;
  authorId = (await createUser(db, { memberships: [{ unitId, role: "ADMIN" }] })).id;
  const make = (platform: Platform) => createAccount(db, { unitId, platform, connect: true });
  // The factory gives X accounts numeric ids (^[0-9]{1,19}$): the emulator refuses anything else, as X does.
  x = await make("X");
  youtube = await make("YOUTUBE");
  instagram = await make("INSTAGRAM");
  worker = await startWorker({
    redisUrl: env().REDIS_URL,
    prefix: queuePrefix,
    concurrency: 4,
    lockMs: 30_000,
    engine: testEngineConfig(emu),
    inboxPollEveryMs: 400,
    metaWebhooks: false,
  });
});

afterAll(async () => {
  await worker?.close();
  await emu?.close();
  await dropQueueKeys();
});

const cursorOf = async (accountId: string) => db.inboxCursor.findUnique({ where: { accountId } });

/** Waits for the account's next successful poll after now. */
async function nextPoll(accountId: string) {
  const after = new Date();
  await vi.waitFor(
    async () => expect((await cursorOf(accountId))?.polledAt?.getTime() ?? 0).toBeGreaterThan(after.getTime()),
    { timeout: 20_000, interval: 100 },
  );
}

const rowsOf = (externalId: string) => db.interaction.findMany({ where: { externalId } });

describe("polling X mentions", () => {
  it("stores a mention and a reply to Siar's post once however often it is read, and since_id moves forward", async () => {
    const tweet = `18${String(Date.now()).slice(-15)}`;
    const target = await publishedTarget(x, tweet);
    const mention = await emu.citizen({
      platform: "x",
      account: x.platformAccountId,
      kind: "mention",
      text: "@humas_polda mohon info jadwal SIM keliling minggu ini",
      author: { id: "1234567890", username: "warga_bpp", name: "Warga Balikpapan" },
    });
    const reply = await emu.citizen({
      platform: "x",
      account: x.platformAccountId,
      kind: "comment",
      postId: tweet,
      text: "@humas_polda Tolong, ada kecelakaan di jalan MT Haryono!",
    });
    await vi.waitFor(async () => expect(await rowsOf(reply.id)).toHaveLength(1), { timeout: 20_000, interval: 100 });
    // Several more rounds read the timeline again: still one row each.
    await nextPoll(x.id);
    await nextPoll(x.id);
    expect(await rowsOf(mention.id)).toMatchObject([
      { platform: "X", kind: "MENTION", accountId: x.id, authorHandle: "warga_bpp", targetId: null },
    ]);
    expect(await rowsOf(reply.id)).toMatchObject([
      { platform: "X", kind: "COMMENT", targetId: target.id, externalParentId: tweet, urgent: true },
    ]);
    expect((await cursorOf(x.id))?.cursor).toBe(reply.id);

    const later = await emu.citizen({
      platform: "x",
      account: x.platformAccountId,
      kind: "mention",
      text: "@humas_polda terima kasih sudah cepat tanggap",
    });
    await vi.waitFor(async () => expect((await cursorOf(x.id))?.cursor).toBe(later.id), {
      timeout: 20_000,
      interval: 100,
    });
    expect(await rowsOf(later.id)).toHaveLength(1);
    expect(await db.interaction.count({ where: { accountId: x.id } })).toBe(3);
    // The worker kept X's window: the emulator refused none of its calls.
    const { limitRefusals, hits } = await emu.arrivals({ platform: "x" });
    expect(hits["x GET /2/users/:id/mentions"]).toBeGreaterThan(3);
    expect(Object.keys(limitRefusals).filter((k) => k.startsWith("x:mentions"))).toEqual([]);
  });
});

describe("polling YouTube and Instagram", () => {
  it("stores YouTube comment threads and Instagram comments on Siar's posts, linked to them", async () => {
    const video = `yt${String(Date.now()).slice(-9)}`;
    const videoTarget = await publishedTarget(youtube, video);
    const media = `1791${String(Date.now()).slice(-12)}`;
    const mediaTarget = await publishedTarget(instagram, media);
    const comment = await emu.citizen({
      platform: "youtube",
      account: youtube.platformAccountId,
      kind: "comment",
      postId: video,
      text: "Videonya jelas, tapi syarat SKCK online apa saja ya?",
    });
    const igComment = await emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "comment",
      postId: media,
      text: "Min, antrean Samsat lama sekali hari ini",
      author: { id: "17841405555", username: "warga_tenggarong", name: "Warga Tenggarong" },
    });
    // No webhook is set up in this test: the Instagram comment comes in by polling only.
    expect(igComment.deliveries).toEqual([]);
    await vi.waitFor(
      async () => {
        expect(await rowsOf(comment.id)).toMatchObject([
          { platform: "YOUTUBE", kind: "COMMENT", targetId: videoTarget.id, externalParentId: video },
        ]);
        expect(await rowsOf(igComment.id)).toMatchObject([
          {
            platform: "INSTAGRAM",
            kind: "COMMENT",
            targetId: mediaTarget.id,
            externalParentId: media,
            authorHandle: "warga_tenggarong",
          },
        ]);
      },
      { timeout: 20_000, interval: 100 },
    );
    await nextPoll(youtube.id);
    await nextPoll(instagram.id);
    expect(await rowsOf(comment.id)).toHaveLength(1);
    expect(await rowsOf(igComment.id)).toHaveLength(1);
  });

  it("marks an account whose token the platform revoked as needing a reconnect, and stops polling it", async () => {
    await emu.tokens({ platform: "youtube", account: youtube.platformAccountId, action: "revoke" });
    await vi.waitFor(
      async () =>
        expect((await db.socialAccount.findUniqueOrThrow({ where: { id: youtube.id } })).status).toBe(
          "NEEDS_RECONNECT",
        ),
      { timeout: 20_000, interval: 100 },
    );
    expect((await cursorOf(youtube.id))?.lastError).toMatch(/^refused/);
    const audit = await db.auditLog.findMany({ where: { entityId: youtube.id, action: "account.needsReconnect" } });
    expect(audit).toHaveLength(1);
    const attempted = (await cursorOf(youtube.id))!.attemptedAt;
    await nextPoll(x.id);
    await nextPoll(x.id);
    expect((await cursorOf(youtube.id))!.attemptedAt).toEqual(attempted);
  });
});

describe("with Meta's webhooks set up", () => {
  it("polls a Facebook or Instagram account only until Siar's app is installed on it", async () => {
    const later = new Date(Date.now() + 3_600_000);
    const page = await createAccount(db, { unitId, platform: "FACEBOOK_PAGE", connect: true });
    const due = () => dueAccounts({ metaWebhooks: true, everyMs: 60_000, now: later });
    // Not installed yet: Meta sends these accounts nothing, so they are read as without webhooks.
    expect(await due()).toEqual(expect.arrayContaining([x.id, instagram.id, page.id]));
    await db.socialAccount.update({ where: { id: page.id }, data: { webhooksSubscribedAt: new Date() } });
    const after = await due();
    expect(after).toContain(instagram.id);
    expect(after).not.toContain(page.id);
    // Without the app secret every Facebook and Instagram account is read, installed or not.
    expect(await dueAccounts({ metaWebhooks: false, everyMs: 60_000, now: later })).toContain(page.id);
  });
});

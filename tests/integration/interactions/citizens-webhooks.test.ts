import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SocialAccount } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { startWorker, type RunningWorker } from "@/worker/start-worker";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { dropQueueKeys, queuePrefix, testEngineConfig } from "../engine/support/engine";

// Citizens on the emulated platforms reach Siar as the platforms deliver them (issue 16): the emulator signs its
// LINE and Meta webhooks with the secrets Siar shares and POSTs them over HTTP to Siar's webhook routes; the real
// worker stores what was queued. A forged signature is refused and nothing is stored; a delivery repeated three
// times stores one item.
vi.hoisted(() => {
  process.env.LINE_CHANNEL_SECRET = "rahasia-kanal-line-emulator";
  process.env.META_APP_SECRET = "rahasia-aplikasi-meta-emulator";
});

let emu: TestEmulator;
let receiver: WebhookReceiver;
let worker: RunningWorker;
let line: SocialAccount, instagram: SocialAccount, page: SocialAccount;
let mediaId: string, targetId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  receiver = await startWebhookReceiver();
  await emu.webhooks({
    line: { url: receiver.lineUrl, channelSecret: "rahasia-kanal-line-emulator" },
    meta: { url: receiver.metaUrl, appSecret: "rahasia-aplikasi-meta-emulator" },
  });
  worker = await startWorker({
    redisUrl: env().REDIS_URL,
    prefix: queuePrefix,
    concurrency: 4,
    lockMs: 30_000,
    engine: testEngineConfig(emu),
  });
  const polda = await createUnit(db, { name: "Polda Warga Emulator", kind: "Polda", timeZone: "Asia/Makassar" });
  line = await createAccount(db, { unitId: polda.id, platform: "LINE_OA", connect: true });
  instagram = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM", connect: true });
  page = await createAccount(db, { unitId: polda.id, platform: "FACEBOOK_PAGE", connect: true });
  const author = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
  mediaId = `1790${Date.now()}`;
  const post = await db.post.create({
    data: { id: randomUUID(), authorId: author.id, unitId: polda.id, baseText: "Imbauan tertib berlalu lintas" },
  });
  targetId = (
    await db.postTarget.create({
      data: {
        id: randomUUID(),
        postId: post.id,
        accountId: instagram.id,
        status: "PUBLISHED",
        platformPostId: mediaId,
        publishedAt: new Date(),
      },
    })
  ).id;
});

afterAll(async () => {
  await worker?.close();
  await receiver?.close();
  await emu?.close();
  await dropQueueKeys();
});

const storedOnce = (externalId: string) =>
  vi.waitFor(
    async () => {
      const rows = await db.interaction.findMany({ where: { externalId } });
      expect(rows).toHaveLength(1);
      return rows[0]!;
    },
    { timeout: 20_000, interval: 150 },
  );

describe("the emulator's webhooks into Siar", () => {
  it("an Instagram comment on Siar's post arrives signed, is stored by the worker and linked to the post", async () => {
    const c = await emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "comment",
      postId: mediaId,
      text: "Min, syarat perpanjangan SIM apa saja?",
      author: { id: "17841401234", username: "warga_samarinda", name: "Warga Samarinda" },
    });
    expect(c.deliveries).toEqual([{ url: receiver.metaUrl, status: 200, attempt: 1 }]);
    const row = await storedOnce(c.id);
    expect(row).toMatchObject({
      platform: "INSTAGRAM",
      kind: "COMMENT",
      accountId: instagram.id,
      targetId,
      externalParentId: mediaId,
      authorHandle: "warga_samarinda",
      text: "Min, syarat perpanjangan SIM apa saja?",
    });
  });

  it("a LINE chat message delivered three times stores one item, urgent, with its reply token", async () => {
    const c = await emu.citizen({
      platform: "line",
      account: line.platformAccountId,
      kind: "message",
      text: "Tolong, ada kecelakaan di simpang Lembuswana!",
      deliveries: 3,
    });
    expect(c.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const row = await storedOnce(c.id);
    expect(row).toMatchObject({ platform: "LINE_OA", kind: "MESSAGE", accountId: line.id, urgent: true });
    expect(row.platformData).toMatchObject({ replyToken: expect.any(String) });
    // Later runs of the worker find nothing new.
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.interaction.count({ where: { externalId: c.id } })).toBe(1);
  });

  it("a delivery signed with the wrong secret is refused (401) and stores nothing", async () => {
    const forged = await emu.citizen({
      platform: "facebook",
      account: page.platformAccountId,
      kind: "comment",
      text: "Komentar palsu dari pihak lain",
      signature: "wrong",
    });
    expect(forged.deliveries.map((d) => d.status)).toEqual([401]);
    const forgedLine = await emu.citizen({
      platform: "line",
      account: line.platformAccountId,
      kind: "message",
      text: "Pesan palsu",
      signature: "wrong",
    });
    expect(forgedLine.deliveries.map((d) => d.status)).toEqual([401]);
    // A good delivery after them is stored: the worker ran, and still nothing of the forged ones.
    const good = await emu.citizen({
      platform: "facebook",
      account: page.platformAccountId,
      kind: "message",
      text: "Halo, mau tanya jam layanan SIM",
    });
    expect(good.deliveries.map((d) => d.status)).toEqual([200]);
    expect(await storedOnce(good.id)).toMatchObject({ platform: "FACEBOOK_PAGE", kind: "MESSAGE" });
    expect(await db.interaction.count({ where: { externalId: { in: [forged.id, forgedLine.id] } } })).toBe(0);
  });

  it("refuses what a platform gives no API for, naming it", async () => {
    const res = await fetch(`${emu.url}/__control/citizens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ platform: "tiktok", account: "tt-1", kind: "comment", text: "Halo" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/TikTok gives no API/);
  });
});

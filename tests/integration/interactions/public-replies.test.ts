import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Platform, SocialAccount, Unit } from "@/generated/prisma/client";
import type { ReplyState } from "@/generated/prisma/enums";
import { PUBLISHING_QUEUE, jobNames } from "@/jobs/contract";
import { publishLimits } from "@/platforms/limits";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { env } from "@/server/env";
import {
  approveReply,
  rejectReply,
  requestReply,
  resolveReply,
  updateReplyApproval,
} from "@/server/interactions/replies";
import { createRateLimiter } from "@/worker/rate-limiter";
import type { RunningWorker } from "@/worker/start-worker";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { emulatorKey, startTestEmulator, type TestEmulator } from "../../support/emulator";
import { dropQueueKeys, queuePrefix, startTestWorker, testEngineConfig } from "../engine/support/engine";
import { actorWith, refusal } from "../../support/actors";

// Public replies (issue 16 item 5, decision 0011 "Public replies") over real HTTP to the emulator with the real
// worker: each platform's reply lands attached to the citizen's comment, mention or message, once; an answer
// lost after the platform stored the reply leaves it UNCONFIRMED and checked before anything is sent again;
// LINE's push carries a retry key, so its blind retry still holds one.

let emu: TestEmulator;
let worker: RunningWorker;
let root: Unit, polda: Unit;
let admin: Actor, supervisor: Actor, otherSupervisor: Actor;
const accounts = {} as Record<Exclude<Platform, "TIKTOK">, SocialAccount>;

beforeAll(async () => {
  emu = await startTestEmulator();
  worker = await startTestWorker(testEngineConfig(emu));
  root = await createUnit(db, { name: "Mabes Balasan", kind: "Mabes" });
  polda = await createUnit(db, { name: "Polda Balasan", kind: "Polda", parent: root, timeZone: "Asia/Makassar" });
  for (const p of ["X", "FACEBOOK_PAGE", "INSTAGRAM", "YOUTUBE", "LINE_OA"] as const)
    accounts[p] = await createAccount(db, { unitId: polda.id, platform: p, connect: true });
  const actor = (unit: Unit, role: "ADMIN" | "SUPERVISOR") => actorWith(unit.id, role);
  admin = await actor(polda, "ADMIN");
  supervisor = await actor(polda, "SUPERVISOR");
  otherSupervisor = await actor(root, "SUPERVISOR");
});

afterAll(async () => {
  await worker?.close();
  await emu?.close();
  await dropQueueKeys();
});

/** A citizen's item held by the emulator (so a reply to it is accepted) and stored in Siar as ingestion would. */
async function citizenItem(
  platform: Exclude<Platform, "TIKTOK">,
  opts: { kind?: "COMMENT" | "MENTION" | "MESSAGE"; replyToken?: boolean; category?: "PERTANYAAN" | "PENGADUAN" } = {},
) {
  const account = accounts[platform];
  const externalId = platform === "X" ? `${Date.now()}${Math.floor(Math.random() * 1e5)}` : `c_${randomUUID()}`;
  const author = `warga_${randomUUID().slice(0, 8)}`;
  const { replyToken } = await emu.replyParent({
    platform: emulatorKey[platform],
    account: account.platformAccountId,
    id: externalId,
    author,
    lineReplyToken: !!opts.replyToken,
  });
  const kind = opts.kind ?? (platform === "X" ? "MENTION" : platform === "LINE_OA" ? "MESSAGE" : "COMMENT");
  const item = await db.interaction.create({
    data: {
      id: randomUUID(),
      platform,
      externalId,
      accountId: account.id,
      unitId: account.unitId,
      kind,
      authorExternalId: author,
      text: "Bagaimana cara memperpanjang SIM?",
      receivedAt: new Date(),
      category: opts.category ?? "PERTANYAAN",
      state: "ANSWERED",
      platformData: replyToken ? { replyToken, replyTokenAt: new Date().toISOString() } : undefined,
    },
  });
  return { item, externalId, author, account };
}

async function waitForReply(interactionId: string, states: ReplyState[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await db.interactionReply.findUnique({ where: { interactionId } });
    if (r && states.includes(r.state)) return r;
    if (Date.now() > until) throw new Error(`reply still ${r?.state ?? "absent"}, wanted ${states.join("/")}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const auditActions = async (interactionId: string) =>
  (
    await db.auditLog.findMany({
      where: { entityId: interactionId, action: { startsWith: "reply." } },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    })
  ).map((a) => a.action);

describe("a reply goes out once, attached to what the citizen wrote", () => {
  it.each(["INSTAGRAM", "FACEBOOK_PAGE", "YOUTUBE", "X"] as const)("%s", async (platform) => {
    const { item, externalId } = await citizenItem(platform);
    const text = `Silakan datang ke Satpas terdekat dengan KTP dan SIM lama (${platform}).`;
    const { state } = await requestReply(admin, { interactionId: item.id, text });
    expect(state).toBe("QUEUED");
    const reply = await waitForReply(item.id, ["SENT"]);
    const held = await emu.replies({ platform: emulatorKey[platform], parent: externalId });
    expect(held.map((r) => r.text)).toEqual([text]);
    expect(reply.externalId).toBe(held[0]!.id);
    const after = await db.interaction.findUniqueOrThrow({ where: { id: item.id } });
    expect(after.state).toBe("REPLIED");
    expect(after.firstReplyAt).not.toBeNull();
    expect(after.resolvedAt).not.toBeNull();
    expect(await auditActions(item.id)).toEqual(["reply.requested", "reply.sent"]);
    // A second reply to the same item is refused: one per item.
    expect((await refusal(() => requestReply(admin, { interactionId: item.id, text: "Lagi" }))).messageKey).toBe(
      "replyExists",
    );
  });

  it("answers a LINE message by its fresh reply token, which then cannot be used again", async () => {
    const { item, externalId } = await citizenItem("LINE_OA", { replyToken: true });
    await requestReply(admin, { interactionId: item.id, text: "Terima kasih, laporan Anda kami teruskan." });
    await waitForReply(item.id, ["SENT"]);
    const held = await emu.replies({ platform: "line", parent: externalId });
    expect(held.map((r) => r.via)).toEqual(["reply"]);
  });

  it("answers a LINE message by push once its reply token is stale", async () => {
    const { item, author } = await citizenItem("LINE_OA", { replyToken: true });
    await db.interaction.update({
      where: { id: item.id },
      data: { platformData: { replyToken: "stale", replyTokenAt: new Date(Date.now() - 3_600_000).toISOString() } },
    });
    await requestReply(admin, { interactionId: item.id, text: "Balasan lewat push." });
    await waitForReply(item.id, ["SENT"]);
    expect((await emu.replies({ platform: "line", to: author })).map((r) => r.via)).toEqual(["push"]);
  });

  it("refuses a reply longer than the platform takes, on the server, with nothing written", async () => {
    const { item } = await citizenItem("X");
    const e = await refusal(() => requestReply(admin, { interactionId: item.id, text: "a".repeat(281) }));
    expect(e.fieldErrors.text).toEqual({ key: "replyTooLongFor", params: { limit: 280 } });
    expect(await db.interactionReply.count({ where: { interactionId: item.id } })).toBe(0);
  });
});

describe("never twice", () => {
  it("Instagram: a 5xx after the reply was stored leaves it UNCONFIRMED; the check finds it and nothing is resent", async () => {
    const { item, externalId, account } = await citizenItem("INSTAGRAM");
    await emu.fault({
      platform: "instagram",
      account: account.platformAccountId,
      kind: "server_error_after_accept",
      route: "instagram POST /{comment}/replies",
    });
    await requestReply(admin, { interactionId: item.id, text: "Jawaban yang hilang di jalan." });
    const reply = await waitForReply(item.id, ["SENT"]);
    expect(await emu.replies({ platform: "instagram", parent: externalId })).toHaveLength(1);
    expect(reply.attempts).toBe(1);
    expect(await auditActions(item.id)).toEqual(["reply.requested", "reply.unconfirmed", "reply.sent"]);
  });

  it("Facebook: a 5xx before anything was stored is UNCONFIRMED too; the check finds nothing, then it is sent once", async () => {
    const { item, externalId, account } = await citizenItem("FACEBOOK_PAGE");
    await emu.fault({
      platform: "facebook",
      account: account.platformAccountId,
      kind: "server_error",
      route: "facebook POST /{comment}/comments",
    });
    await requestReply(admin, { interactionId: item.id, text: "Jawaban setelah pemeriksaan." });
    const reply = await waitForReply(item.id, ["SENT"]);
    expect(await emu.replies({ platform: "facebook", parent: externalId })).toHaveLength(1);
    expect(reply.attempts).toBe(2);
    expect(await auditActions(item.id)).toEqual(["reply.requested", "reply.unconfirmed", "reply.sent"]);
  });

  it("X: an unanswered reply cannot be looked up, so it waits UNCONFIRMED for a person, who says it is there", async () => {
    const { item, externalId, account } = await citizenItem("X");
    await emu.fault({
      platform: "x",
      account: account.platformAccountId,
      kind: "server_error_after_accept",
      route: "x POST /2/tweets",
    });
    await requestReply(admin, { interactionId: item.id, text: "Balasan X yang belum pasti." });
    const reply = await waitForReply(item.id, ["UNCONFIRMED"]);
    await new Promise((r) => setTimeout(r, 1_000)); // the check ran and changed nothing
    expect((await db.interactionReply.findUniqueOrThrow({ where: { id: reply.id } })).state).toBe("UNCONFIRMED");
    expect(await emu.replies({ platform: "x", parent: externalId })).toHaveLength(1);
    await resolveReply(admin, { replyId: reply.id, outcome: "sent" });
    expect((await db.interaction.findUniqueOrThrow({ where: { id: item.id } })).state).toBe("REPLIED");
    expect(await emu.replies({ platform: "x", parent: externalId })).toHaveLength(1);
  });

  it("LINE: a push whose answer was a 5xx is retried blind with its retry key and held once", async () => {
    const { item, author, account } = await citizenItem("LINE_OA");
    await emu.fault({
      platform: "line",
      account: account.platformAccountId,
      kind: "server_error_after_accept",
      route: "line POST /v2/bot/message/push",
    });
    await requestReply(admin, { interactionId: item.id, text: "Push yang diulang dengan kunci." });
    const reply = await waitForReply(item.id, ["SENT"]);
    expect(reply.attempts).toBe(2);
    const held = await emu.replies({ platform: "line", to: author });
    expect(held.map((r) => r.text)).toEqual(["Push yang diulang dengan kunci."]);
    expect(reply.externalId).toBe(held[0]!.id);
  });

  it("YouTube: a reply to a comment the platform does not hold fails and says why", async () => {
    const { item } = await citizenItem("YOUTUBE");
    await db.interaction.update({ where: { id: item.id }, data: { externalId: `unknown_${randomUUID()}` } });
    await requestReply(admin, { interactionId: item.id, text: "Tidak akan sampai." });
    const reply = await waitForReply(item.id, ["FAILED"]);
    expect(reply.lastError).toMatch(/parent comment could not be found/);
    expect((await db.interaction.findUniqueOrThrow({ where: { id: item.id } })).state).toBe("ANSWERED");
  });
});

describe("the platform's limits", () => {
  it("X: a reply waits while the account's publishing window is full (QUEUED, not failed), then goes out once", async () => {
    // A reply on X is a post: 100 posts in 15 minutes fill the window a reply shares with publishing.
    const redis = new Redis(env().REDIS_URL);
    const queue = new Queue(PUBLISHING_QUEUE, { connection: redis, prefix: queuePrefix });
    try {
      const publishing = createRateLimiter(redis, queuePrefix, publishLimits(50));
      // The replies of the tests above took slots too: start from an empty window, then fill it.
      await redis.del(`${queuePrefix}:limit:X:${accounts.X.id}:900000`);
      for (let i = 0; i < 100; i++) expect((await publishing.reserve("X", accounts.X.id, `post-${i}`)).waitMs).toBe(0);
      const { item, externalId } = await citizenItem("X");
      const text = "Jadwal SIM keliling ada di akun kami setiap Senin pagi.";
      await requestReply(admin, { interactionId: item.id, text });
      const reply = await db.interactionReply.findUniqueOrThrow({ where: { interactionId: item.id } });
      const job = await vi.waitFor(
        async () => {
          const delayed = await queue.getDelayed();
          const found = delayed.find((j) => j.name === jobNames.sendReply && j.data.replyId === reply.id);
          expect(found).toBeDefined();
          return found!;
        },
        { timeout: 20_000, interval: 100 },
      );
      const waiting = await db.interactionReply.findUniqueOrThrow({ where: { interactionId: item.id } });
      expect(waiting).toMatchObject({ state: "QUEUED", attempts: 0 });
      expect(await emu.replies({ platform: "x", parent: externalId })).toEqual([]);
      // The window empties: the same job sends it, once.
      await redis.del(`${queuePrefix}:limit:X:${accounts.X.id}:900000`);
      await job.promote();
      await waitForReply(item.id, ["SENT"]);
      expect((await emu.replies({ platform: "x", parent: externalId })).map((r) => r.text)).toEqual([text]);
      expect(await auditActions(item.id)).toEqual(["reply.requested", "reply.sent"]);
      // It took its slot in the window publishing uses.
      expect(await redis.zcard(`${queuePrefix}:limit:X:${accounts.X.id}:900000`)).toBe(1);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});

describe("approval of replies in chosen categories", () => {
  it("waits for another supervisor of the subtree, then goes out; a send-back is rewritten", async () => {
    await updateReplyApproval(await actorWith(root.id, "SUPERVISOR"), {
      rootUnitId: root.id,
      categories: ["PENGADUAN"],
    });
    const plain = await citizenItem("INSTAGRAM", { category: "PERTANYAAN" });
    expect((await requestReply(admin, { interactionId: plain.item.id, text: "Tanpa persetujuan." })).state).toBe(
      "QUEUED",
    );

    const { item, externalId } = await citizenItem("INSTAGRAM", { category: "PENGADUAN" });
    const first = await requestReply(supervisor, { interactionId: item.id, text: "Perlu persetujuan." });
    expect(first.state).toBe("PENDING_APPROVAL");
    // Four eyes: the author does not approve their own reply; an ADMIN does not approve at all.
    expect((await refusal(() => approveReply(supervisor, { replyId: first.replyId }))).messageKey).toBe(
      "replyOwnApproval",
    );
    expect((await refusal(() => approveReply(admin, { replyId: first.replyId }))).code).toBe("FORBIDDEN");
    await rejectReply(otherSupervisor, { replyId: first.replyId });
    expect(await emu.replies({ platform: "instagram", parent: externalId })).toHaveLength(0);

    const second = await requestReply(admin, { interactionId: item.id, text: "Perlu persetujuan, diperbaiki." });
    expect(second).toEqual({ replyId: first.replyId, state: "PENDING_APPROVAL" });
    await approveReply(supervisor, { replyId: second.replyId });
    const sent = await waitForReply(item.id, ["SENT"]);
    expect(sent.approvedById).toBe(supervisor.id);
    expect((await emu.replies({ platform: "instagram", parent: externalId })).map((r) => r.text)).toEqual([
      "Perlu persetujuan, diperbaiki.",
    ]);
    expect(await auditActions(item.id)).toEqual([
      "reply.requested",
      "reply.rejected",
      "reply.requested",
      "reply.approved",
      "reply.sent",
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { SocialAccount, Unit } from "@/generated/prisma/client";
import { PUBLISHING_QUEUE, jobNames } from "@/jobs/contract";
import { readLimits } from "@/platforms/limits";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { GRAPH_VERSION } from "@/platforms/meta";
import { loadActor } from "@/server/auth/actor";
import { open } from "@/server/crypto/secret-box";
import { requestReply } from "@/server/interactions/replies";
import { createRateLimiter } from "@/worker/rate-limiter";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { queuePrefix } from "../engine/support/engine";
import { citizensOnEmulator, storedOnce as storedOnceWhere } from "./support/citizens";

// Instagram mentions (issue 16 item 2): Meta's `mentions` webhook carries only ids, as the emulator delivers it
// like Meta; the worker reads the words with the account's token (mentioned_comment / mentioned_media) within
// the account's Graph window and stores the mention once, whatever the redeliveries.
vi.hoisted(() => {
  process.env.LINE_CHANNEL_SECRET = "rahasia-kanal-line-sebutan";
  process.env.META_APP_SECRET = "rahasia-aplikasi-meta-sebutan";
});

const running = citizensOnEmulator();
let redis: Redis;
let instagram: SocialAccount, other: SocialAccount;
let polda: Unit;
const READS = "instagram GET /{ig-user}?fields=mentioned_*";

beforeAll(async () => {
  redis = new Redis(env().REDIS_URL);
  polda = await createUnit(db, { name: "Polda Sebutan Warga", kind: "Polda", timeZone: "Asia/Makassar" });
  instagram = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM", connect: true });
  other = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM", connect: true });
});

afterAll(async () => {
  await redis?.quit();
});

const storedOnce = (externalId: string) => storedOnceWhere({ platform: "INSTAGRAM", externalId });
const reads = () => running.emu.emulator.state.hits.get(READS) ?? 0;

describe("Instagram mentions", () => {
  it("a comment naming the account on another user's media, delivered three times, is read once and stored once with its words", async () => {
    const before = reads();
    const m = await running.emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "mention",
      text: "@humas_polda ada balap liar tiap malam di jalan Juanda, mohon ditertibkan",
      deliveries: 3,
    });
    expect(m.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const row = await storedOnce(m.id);
    expect(row).toMatchObject({
      platform: "INSTAGRAM",
      kind: "MENTION",
      accountId: instagram.id,
      text: "@humas_polda ada balap liar tiap malam di jalan Juanda, mohon ditertibkan",
      externalParentId: m.postId,
      targetId: null,
      // Instagram gives a mentioning comment no author field.
      authorHandle: null,
    });
    expect(row.platformData).toMatchObject({ mentionIn: "comment", mediaId: m.postId });
    expect(reads() - before).toBe(1);
  });

  it("a caption naming the account is stored as that media's mention, by its author, in Instagram's words (no @)", async () => {
    const m = await running.emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "mention",
      mentionIn: "caption",
      text: "Terima kasih @humas_polda sudah mengawal mudik kami",
      author: { id: "178414000111", username: "keluarga_mudik", name: "Keluarga Mudik" },
    });
    const row = await storedOnce(m.id);
    expect(row).toMatchObject({
      kind: "MENTION",
      accountId: instagram.id,
      authorHandle: "keluarga_mudik",
      text: "Terima kasih humas_polda sudah mengawal mudik kami",
      externalParentId: null,
    });
  });

  it("waits for the account's Graph window when it is full: the mention is delayed, then stored, never refused", async () => {
    // Fill the account's read window (200 calls an hour), as 200 polls would have.
    const limiter = createRateLimiter(redis, `${queuePrefix}:read`, readLimits());
    for (let i = 0; i < 200; i++) expect((await limiter.reserve("INSTAGRAM", other.id, `fill-${i}`)).waitMs).toBe(0);
    const before = reads();
    const m = await running.emu.citizen({
      platform: "instagram",
      account: other.platformAccountId,
      kind: "mention",
      text: "@humas_polda lampu jalan di Sempaja mati total",
    });
    const queue = new Queue(PUBLISHING_QUEUE, { connection: redis, prefix: queuePrefix });
    try {
      const waiting = await vi.waitFor(
        async () => {
          const jobs = (await queue.getDelayed()).filter((j) => j.name === jobNames.fetchMention);
          expect(jobs.map((j) => j.data.commentId)).toContain(m.id);
          return jobs.find((j) => j.data.commentId === m.id)!;
        },
        { timeout: 20_000, interval: 150 },
      );
      // Nothing was asked of Instagram and nothing stored; the wait is not a failed attempt.
      expect(reads()).toBe(before);
      expect(waiting.data.attempt).toBe(0);
      expect(await db.interaction.count({ where: { externalId: m.id } })).toBe(0);
      // The window empties (an hour later): the same job reads and stores it.
      await redis.del(`${queuePrefix}:read:limit:INSTAGRAM:${other.id}:3600000`);
      await waiting.promote();
      expect(await storedOnce(m.id)).toMatchObject({ kind: "MENTION", accountId: other.id });
      expect(reads() - before).toBe(1);
    } finally {
      await queue.close();
    }
  });

  it("a mention of an account Siar does not hold is not read", async () => {
    const before = reads();
    const m = await running.emu.citizen({
      platform: "instagram",
      account: "17841499999999",
      kind: "mention",
      text: "@akun_lain halo",
    });
    expect(m.deliveries.map((d) => d.status)).toEqual([200]);
    // A later mention of a known account is stored, so the worker has been through the first one.
    const after = await running.emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "mention",
      text: "@humas_polda terima kasih",
    });
    await storedOnce(after.id);
    expect(await db.interaction.count({ where: { externalId: m.id } })).toBe(0);
    expect(reads() - before).toBe(1);
  });
});

// Answering a mention (IG User reference, "Mentions"): the comment edges (/{ig-comment-id}/replies) manage the
// account's own media only; a mention on another user's media is answered with POST /{ig-user-id}/mentions,
// media_id and, for a comment, comment_id.
describe("replying to an Instagram mention", () => {
  const replyTo = async (externalId: string, text: string) => {
    const row = await storedOnce(externalId);
    await db.interaction.update({ where: { id: row.id }, data: { category: "PERTANYAAN", state: "ANSWERED" } });
    const admin = (await loadActor((await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] })).id))!;
    await requestReply(admin, { interactionId: row.id, text });
    return vi.waitFor(
      async () => {
        const r = await db.interactionReply.findUniqueOrThrow({ where: { interactionId: row.id } });
        expect(r.state).toBe("SENT");
        return r;
      },
      { timeout: 20_000, interval: 150 },
    );
  };

  it("answers a mention in a comment under that comment, through the mentions edge, once", async () => {
    const m = await running.emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "mention",
      text: "@humas_polda jam berapa layanan SKCK buka?",
    });
    const text = "Layanan SKCK buka pukul 08.00–14.00 WITA di Polresta terdekat.";
    const reply = await replyTo(m.id, text);
    const held = await running.emu.replies({ platform: "instagram", parent: m.id });
    expect(held.map((r) => [r.text, r.via])).toEqual([[text, "mention"]]);
    expect(reply.externalId).toBe(held[0]!.id);
  });

  it("answers a caption that mentions the account with a comment on that media", async () => {
    const m = await running.emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "mention",
      mentionIn: "caption",
      text: "Macet parah di Jl. Sudirman, @humas_polda mohon dibantu",
    });
    const text = "Terima kasih, petugas Lantas sudah menuju lokasi.";
    await replyTo(m.id, text);
    expect((await running.emu.replies({ platform: "instagram", parent: m.id })).map((r) => r.via)).toEqual(["mention"]);
  });

  it("the emulator refuses the comment edge for a mention on another user's media, as Instagram does", async () => {
    const m = await running.emu.citizen({
      platform: "instagram",
      account: instagram.platformAccountId,
      kind: "mention",
      text: "@humas_polda halo",
    });
    const { accessTokenEnc } = await db.socialAccount.findUniqueOrThrow({ where: { id: instagram.id } });
    const res = await fetch(`${running.emu.baseUrls.INSTAGRAM}/${GRAPH_VERSION}/${m.id}/replies`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ message: "salah jalan", access_token: open(accessTokenEnc!) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
    expect(await running.emu.replies({ platform: "instagram", parent: m.id })).toEqual([]);
  });
});

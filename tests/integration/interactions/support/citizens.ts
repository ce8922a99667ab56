import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, vi } from "vitest";
import type { Prisma, SocialAccount } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { startWorker, type RunningWorker } from "@/worker/start-worker";
import { createAccount } from "../../../factories/accounts";
import { createUnit } from "../../../factories/units";
import { createUser } from "../../../factories/users";
import { startTestEmulator, type TestEmulator } from "../../../support/emulator";
import { startWebhookReceiver, type WebhookReceiver } from "../../../support/webhook-receiver";
import { dropQueueKeys, queuePrefix, testEngineConfig } from "../../engine/support/engine";

// What the citizens' inbox tests share (issue 16): the emulator delivering its signed webhooks over HTTP to
// Siar's real webhook routes, with the real worker storing what they queue; a Polda with the accounts citizens
// write to; and the wait for an item to be stored.

export type CitizensOnEmulator = { emu: TestEmulator; receiver: WebhookReceiver; worker: RunningWorker };

/**
 * Starts the emulator, Siar's webhook routes on a port and the worker for the file's tests (beforeAll) and
 * stops them after (afterAll). The emulator signs with the secrets the file put in the environment
 * (LINE_CHANNEL_SECRET, META_APP_SECRET, set in its `vi.hoisted`), as the platforms sign with the shared ones.
 */
export function citizensOnEmulator(): CitizensOnEmulator {
  const running = {} as CitizensOnEmulator;
  beforeAll(async () => {
    running.emu = await startTestEmulator();
    running.receiver = await startWebhookReceiver();
    await running.emu.webhooks({
      line: { url: running.receiver.lineUrl, channelSecret: env().LINE_CHANNEL_SECRET },
      meta: { url: running.receiver.metaUrl, appSecret: env().META_APP_SECRET },
    });
    running.worker = await startWorker({
      redisUrl: env().REDIS_URL,
      prefix: queuePrefix,
      concurrency: 4,
      lockMs: 30_000,
      engine: testEngineConfig(running.emu),
    });
  });
  afterAll(async () => {
    await running.worker?.close();
    await running.receiver?.close();
    await running.emu?.close();
    await dropQueueKeys();
  });
  return running;
}

export type CitizensPolda = {
  line: SocialAccount;
  instagram: SocialAccount;
  page: SocialAccount;
  /** The Instagram media id of a post Siar published, and its target: comments on it belong to that post. */
  mediaId: string;
  targetId: string;
};

/** A Polda (WITA) with a LINE, an Instagram and a Facebook Page account, and one post published on Instagram. */
export async function createCitizensPolda(name: string, mediaId: string): Promise<CitizensPolda> {
  const polda = await createUnit(db, { name, kind: "Polda", timeZone: "Asia/Makassar" });
  const line = await createAccount(db, { unitId: polda.id, platform: "LINE_OA", connect: true });
  const instagram = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM", connect: true });
  const page = await createAccount(db, { unitId: polda.id, platform: "FACEBOOK_PAGE", connect: true });
  const author = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
  const post = await db.post.create({
    data: { id: randomUUID(), authorId: author.id, unitId: polda.id, baseText: "Imbauan tertib berlalu lintas" },
  });
  const target = await db.postTarget.create({
    data: {
      id: randomUUID(),
      postId: post.id,
      accountId: instagram.id,
      status: "PUBLISHED",
      platformPostId: mediaId,
      publishedAt: new Date(),
    },
  });
  return { line, instagram, page, mediaId, targetId: target.id };
}

/** Waits (up to 20 s) until the worker has stored exactly one item matching `where`, and returns it. */
export const storedOnce = (where: Prisma.InteractionWhereInput) =>
  vi.waitFor(
    async () => {
      const rows = await db.interaction.findMany({ where });
      expect(rows).toHaveLength(1);
      return rows[0]!;
    },
    { timeout: 20_000, interval: 150 },
  );

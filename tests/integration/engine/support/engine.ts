import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Queue } from "bullmq";
import sharp from "sharp";
import { Redis } from "ioredis";
import { afterAll, beforeAll, vi } from "vitest";
import type { Platform, SocialAccount, TargetStatus, Unit, User } from "@/generated/prisma/client";
import { PUBLISHING_QUEUE } from "@/jobs/contract";
import { deleteKeysWithPrefix } from "@/jobs/delete-keys";
import { closePublishingProducer } from "@/jobs/producer";
import { client, closeEnginePool, db } from "@/server/db";
import { dropDatabase, ensureDatabase, migrate } from "../../../../scripts/lib/database";
import { env } from "@/server/env";
import { approvePost } from "@/server/publishing/approve-post";
import type { EngineConfig } from "@/server/publishing/engine-config";
import { startWorker, type RunningWorker } from "@/worker/start-worker";
import { createAccount } from "../../../factories/accounts";
import { createUnit } from "../../../factories/units";
import { createUser } from "../../../factories/users";
import { startTestEmulator, type TestEmulator } from "../../../support/emulator";

// Shared by the engine tests: a queue prefix of this file's own (so parallel files never meet in
// Redis), a worker in-process against an in-process emulator with short waits, and posts approved
// through the real use-case.

export const queuePrefix = `siar-test-${randomBytes(4).toString("hex")}`;
process.env.QUEUE_PREFIX = queuePrefix;

// A database of this file's own, too: a worker's reconciler restores jobs for every SCHEDULED target
// it can see, so two engines on one database would publish each other's targets.
const engineDatabaseUrl = `postgresql://postgres@127.0.0.1:5432/siar_eng_${process.pid}_${randomBytes(3).toString("hex")}`;
await ensureDatabase(engineDatabaseUrl);
migrate(engineDatabaseUrl);
process.env.DATABASE_URL = engineDatabaseUrl;

export function testEngineConfig(emu: TestEmulator, overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    maxAttempts: 4,
    backoffBaseMs: 100,
    stuckAfterMs: 60_000,
    reconcileEveryMs: 60_000,
    confirmDelayMs: 200,
    confirmMaxChecks: 5,
    postIdDelayMs: 200,
    postIdGiveUpMs: 60_000,
    instagramPostsPerDay: 50,
    platforms: {
      baseUrls: emu.baseUrls,
      googleOauthBaseUrl: emu.googleOauthBaseUrl,
      clients: {},
      timeoutMs: 4_000,
      pollIntervalMs: 30,
      maxPolls: 30,
      rateLimitFallbackMs: 700,
    },
    ...overrides,
  };
}

export function startTestWorker(engine: EngineConfig, concurrency = 10): Promise<RunningWorker> {
  return startWorker({ redisUrl: env().REDIS_URL, prefix: queuePrefix, concurrency, lockMs: 30_000, engine });
}

/** Drops this file's database (after the engine and the database client are closed). */
export async function dropEngineDatabase(): Promise<void> {
  await Promise.all([client().$disconnect(), closeEnginePool()]);
  await dropDatabase(engineDatabaseUrl);
}

/** Removes this file's keys from the test Redis (never FLUSHALL: other databases are not ours), and its database. */
export async function dropQueueKeys(prefix = queuePrefix): Promise<void> {
  const redis = new Redis(env().REDIS_URL);
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
  await closePublishingProducer();
  await dropEngineDatabase();
}

export type World = { unit: Unit; author: User; approver: User };

export type EngineSuite = { emu: TestEmulator; worker: RunningWorker; world: World };

/**
 * The usual engine test file: an emulator (configured as asked), a worker in-process against it and a world,
 * made before the file's tests and closed after them, with this file's queue keys and database dropped. Read
 * the fields inside tests (they are set once beforeAll ran).
 */
export function engineSuite(
  options: {
    emulator?: Parameters<TestEmulator["config"]>[0];
    engine?: (emu: TestEmulator) => EngineConfig;
    cleanup?: () => void;
  } = {},
): EngineSuite {
  const suite = {} as EngineSuite;
  beforeAll(async () => {
    suite.emu = await startTestEmulator();
    if (options.emulator) await suite.emu.config(options.emulator);
    suite.worker = await startTestWorker(options.engine?.(suite.emu) ?? testEngineConfig(suite.emu));
    suite.world = await createWorld();
  });
  afterAll(async () => {
    await suite.worker?.close();
    await suite.emu?.close();
    await dropQueueKeys();
    options.cleanup?.();
  });
  return suite;
}

export async function createWorld(parent?: Unit): Promise<World> {
  const unit = await createUnit(db, { name: `Polres Uji ${randomBytes(2).toString("hex")}`, kind: "Polres", parent });
  const author = await createUser(db, { memberships: [{ unitId: unit.id, role: "ADMIN" }] });
  const approver = await createUser(db, { memberships: [{ unitId: unit.id, role: "SUPERVISOR" }] });
  return { unit, author, approver };
}

/** `bytes`: the file's size (default 64 KiB for a video, 2 KiB for an image). */
export type MediaSpec = { kind: "IMAGE" | "GIF" | "VIDEO"; bytes?: number; altText?: string | null };

// Each file starts as its format does (platforms look at the bytes, not the name): a whole small JPEG (4:5,
// which Instagram's emulator decodes for its aspect ratio), GIF89a, an MP4's ftyp box; the rest is random.
const FORMATS = {
  IMAGE: {
    ext: "jpg",
    mimeType: "image/jpeg",
    head: await sharp({ create: { width: 40, height: 50, channels: 3, background: "#3b82f6" } })
      .jpeg()
      .toBuffer(),
  },
  GIF: { ext: "gif", mimeType: "image/gif", head: Buffer.from("GIF89a", "latin1") },
  VIDEO: {
    ext: "mp4",
    mimeType: "video/mp4",
    head: Buffer.from([0, 0, 0, 0x18, ...Buffer.from("ftypmp42", "latin1")]),
  },
} as const;

async function createMedia(world: World, postId: string, specs: MediaSpec[]): Promise<void> {
  const dir = path.resolve(env().MEDIA_DIR);
  await mkdir(dir, { recursive: true });
  for (const [i, spec] of specs.entries()) {
    const video = spec.kind === "VIDEO";
    const format = FORMATS[spec.kind];
    const storageKey = `${randomUUID()}.${format.ext}`;
    const bytes = randomBytes(spec.bytes ?? (video ? 64 * 1024 : 2 * 1024));
    format.head.copy(bytes, 0, 0, Math.min(format.head.length, bytes.length));
    await writeFile(path.join(dir, storageKey), bytes);
    await db.media.create({
      data: {
        id: randomUUID(),
        postId,
        unitId: world.unit.id,
        uploaderId: world.author.id,
        position: i,
        type: spec.kind,
        mimeType: format.mimeType,
        fileName: `uji.${format.ext}`,
        storageKey,
        sizeBytes: bytes.length,
        altText: spec.altText !== undefined ? spec.altText : video ? null : "Foto kegiatan",
        sha256: createHash("sha256").update(bytes).digest("hex"),
      },
    });
  }
}

/** Media a platform requires (Instagram an image, YouTube and TikTok a video), nothing for the others. */
export function mediaFor(platform: Platform): MediaSpec[] {
  if (platform === "INSTAGRAM") return [{ kind: "IMAGE" }];
  if (platform === "YOUTUBE" || platform === "TIKTOK") return [{ kind: "VIDEO" }];
  return [];
}

export type Scheduled = { postId: string; text: string; targets: { id: string; account: SocialAccount }[] };

/** One post for `accounts` (or fresh connected accounts), approved through the use-case. */
export async function approveNewPost(
  world: World,
  input: {
    platform: Platform;
    accounts?: SocialAccount[];
    count?: number;
    scheduledAt?: Date;
    text?: string;
    approve?: boolean;
    media?: MediaSpec[];
  },
): Promise<Scheduled> {
  const accounts =
    input.accounts ??
    (await Promise.all(
      Array.from({ length: input.count ?? 1 }, () =>
        createAccount(db, { unitId: world.unit.id, platform: input.platform, connect: true }),
      ),
    ));
  const text = input.text ?? `Himbauan kamtibmas ${randomBytes(5).toString("hex")}`;
  const postId = randomUUID();
  await db.post.create({
    data: { id: postId, authorId: world.author.id, unitId: world.unit.id, baseText: text, title: "Himbauan Kamtibmas" },
  });
  await createMedia(world, postId, input.media ?? mediaFor(input.platform));
  const targets = accounts.map((account) => ({
    id: randomUUID(),
    postId,
    accountId: account.id,
    status: "PENDING_APPROVAL" as const,
    scheduledAt: input.scheduledAt ?? null,
  }));
  for (let i = 0; i < targets.length; i += 1_000) await db.postTarget.createMany({ data: targets.slice(i, i + 1_000) });
  if (input.approve !== false) await approvePost({ postId, actorId: world.approver.id });
  return { postId, text, targets: targets.map((t, i) => ({ id: t.id, account: accounts[i] as SocialAccount })) };
}

export async function statuses(ids: readonly string[]): Promise<Map<string, TargetStatus>> {
  const rows = await db.postTarget.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true } });
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Waits until every target is in one of `wanted`; fails with what is still elsewhere. */
export async function waitForStatus(
  ids: readonly string[],
  wanted: readonly TargetStatus[],
  timeout = 60_000,
): Promise<void> {
  await vi.waitFor(
    async () => {
      const s = await statuses(ids);
      const off = ids.filter((id) => !wanted.includes(s.get(id) ?? "DRAFT"));
      if (off.length > 0)
        throw new Error(`${off.length} targets not yet ${wanted.join("/")}, e.g. ${s.get(off[0] ?? "")}`);
    },
    { timeout, interval: 100 },
  );
}

/**
 * Waits until the queue holds no job for any of these targets (waiting, delayed or running): after this,
 * nothing the worker was going to do for them is still to come. Proves "nothing happened" without a sleep.
 */
export async function waitForNoJobsFor(ids: readonly string[], timeout = 60_000): Promise<void> {
  const queue = new Queue(PUBLISHING_QUEUE, { connection: { url: env().REDIS_URL }, prefix: queuePrefix });
  try {
    await vi.waitFor(
      async () => {
        const jobs = await queue.getJobs(["waiting", "delayed", "active", "prioritized"]);
        const left = jobs.filter((j) => ids.some((id) => j?.id?.includes(id)));
        if (left.length > 0) throw new Error(`${left.length} jobs still queued, e.g. ${left[0]?.id}`);
      },
      { timeout, interval: 100 },
    );
  } finally {
    await queue.close();
  }
}

export function targetRow(id: string) {
  return db.postTarget.findUniqueOrThrow({ where: { id } });
}

/** The statuses a target went through, from the audit log. */
export async function history(id: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    where: { entityType: "PostTarget", entityId: id },
    orderBy: { id: "asc" },
    select: { action: true },
  });
  return rows.map((r) => r.action.replace(/^target\./, "").toUpperCase());
}

import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { fanOutJobId, jobNames, publishJobId, PUBLISHING_QUEUE } from "@/jobs/contract";
import type { PublishingProducer } from "@/jobs/producer";
import { loadActor, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { countWaiting } from "@/server/posts/count-waiting";
import { approvePostAs, rejectPostAs } from "@/server/posts/decide-post";
import { getPost } from "@/server/posts/get-post";
import { listApprovalQueue } from "@/server/posts/list-approval-queue";
import { savePost } from "@/server/posts/save-post";
import { cancelTarget } from "@/server/publishing/cancel-target";
import { claimTarget } from "@/server/publishing/claim-target";
import { engineProducer } from "@/server/publishing/engine-queue";
import { DIRECT_ENQUEUE_MAX, fanOutPost } from "@/server/publishing/fan-out";
import { pauseImpact } from "@/server/posts/pause-impact";
import { pauseSubtree } from "@/server/publishing/pause-subtree";
import { postsAwaitingFanOut } from "@/server/publishing/reconcile-targets";
import { resumeSubtree } from "@/server/publishing/resume-subtree";
import { processReconcile } from "@/worker/process-reconcile";
import { createUser } from "../../factories/users";
import { approveNewPost, createWorld, dropQueueKeys, queuePrefix, statuses, type World } from "./support/engine";

// Approving a national broadcast (decision 0012, sixth pass): for more than DIRECT_ENQUEUE_MAX targets the
// approval writes only the decision, the approved version and its own audit entry; the fan-out job moves the
// targets to SCHEDULED as the approver, a chunk at a time, and enqueues them. Meanwhile the post is approved,
// not waiting; and an edit, a crisis pause, a cancelled target, a lost or crashed fan-out each end as they did
// when the approval scheduled the targets itself. No worker runs in this file: the tests run the fan-out
// (in chunks of CHUNK, so a broadcast of BIG targets takes three) and the claim themselves.

const BIG = DIRECT_ENQUEUE_MAX + 50;
const CHUNK = 100;

let queue: Queue;
let producer: PublishingProducer;
let redis: Redis;

beforeAll(async () => {
  queue = new Queue(PUBLISHING_QUEUE, { connection: { url: env().REDIS_URL }, prefix: queuePrefix });
  producer = await engineProducer();
  redis = new Redis(env().REDIS_URL);
});

afterAll(async () => {
  await queue.close();
  await redis.quit();
  await dropQueueKeys();
});

type Broadcast = { world: World; approver: Actor; other: Actor; postId: string; ids: string[] };

/** A unit with BIG accounts, a second supervisor, and a post for all of them approved by the first. */
async function approvedBroadcast(scheduledAt: Date | null = new Date(Date.now() + 3_600_000)): Promise<Broadcast> {
  const world = await createWorld();
  const second = await createUser(db, { memberships: [{ unitId: world.unit.id, role: "SUPERVISOR" }] });
  const post = await approveNewPost(world, {
    platform: "LINE_OA",
    count: BIG,
    approve: false,
    media: [],
    ...(scheduledAt ? { scheduledAt } : {}),
  });
  const approver = (await loadActor(world.approver.id))!;
  const other = (await loadActor(second.id))!;
  expect(await approvePostAs(approver, { postId: post.postId, version: 1 })).toEqual({ scheduled: BIG });
  return { world, approver, other, postId: post.postId, ids: post.targets.map((t) => t.id) };
}

const count = (values: Map<string, string>, status: string) => [...values.values()].filter((s) => s === status).length;
const publishJobs = async (ids: readonly string[]) =>
  (await Promise.all(ids.map((id) => queue.getJob(publishJobId(id))))).filter(Boolean).length;
const targetEntries = (ids: readonly string[]) =>
  db.auditLog.findMany({
    where: { entityType: "PostTarget", entityId: { in: [...ids] } },
    select: { actorId: true, entityId: true, action: true },
  });
const refusal = async (fn: () => Promise<unknown>) => {
  const error = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
/**
 * The fan-out, crashing (the worker killed) as it writes its first chunk's jobs to Redis. The second chunk's
 * transaction runs meanwhile, so two chunks are committed and none is enqueued; the third still waits.
 */
const crashingProducer = (): PublishingProducer => ({
  ...producer,
  enqueuePublish: () => Promise.reject(new Error("worker killed mid-fan-out")),
});
const removeJobs = async (postId: string, ids: readonly string[]) => {
  await queue.remove(fanOutJobId(postId, 1));
  await queue.remove(fanOutJobId(postId, 2));
  for (const id of ids) await queue.remove(publishJobId(id));
};

it("approval writes the decision only; the post is approved, not waiting, until its fan-out schedules every target once, as the approver", async () => {
  const b = await approvedBroadcast();

  // The approval moved no target and wrote no target entry: one decision, the approved version, one fan-out job.
  expect(count(await statuses(b.ids), "PENDING_APPROVAL")).toBe(BIG);
  expect(await targetEntries(b.ids)).toEqual([]);
  expect((await db.post.findUniqueOrThrow({ where: { id: b.postId } })).approvedVersion).toBe(1);
  const fanOut = await queue.getJob(fanOutJobId(b.postId, 1));
  expect(fanOut?.name).toBe(jobNames.fanOutPost);
  expect(fanOut?.data).toEqual({ postId: b.postId, version: 1 });
  expect(await publishJobs(b.ids)).toBe(0);

  // Meanwhile it is approved: not in the queue nor the badge of the second supervisor, no decision on its page.
  expect((await listApprovalQueue(b.other)).map((p) => p.id)).not.toContain(b.postId);
  expect((await countWaiting(b.other)).approvals).toBe(0);
  const page = await getPost(b.other, b.postId);
  expect(page.fanningOut).toBe(true);
  // A second approval and a rejection are refused, and change nothing.
  expect(await refusal(() => approvePostAs(b.other, { postId: b.postId, version: 1 }))).toMatchObject({
    code: "CONFLICT",
    messageKey: "postAlreadyApproved",
  });
  expect(await refusal(() => rejectPostAs(b.other, { postId: b.postId, comment: "Jangan." }))).toMatchObject({
    code: "CONFLICT",
    messageKey: "postAlreadyApproved",
  });
  expect(await db.approvalDecision.count({ where: { postId: b.postId } })).toBe(1);
  expect(count(await statuses(b.ids), "PENDING_APPROVAL")).toBe(BIG);

  // Ten targets are cancelled before the fan-out runs: they stay cancelled and get no job.
  const cancelled = b.ids.slice(0, 10);
  for (const targetId of cancelled) await cancelTarget({ targetId, actorId: b.world.author.id });

  // The fan-out, run twice (a retried job, or the reconciler's): each other target scheduled, audited and enqueued once.
  expect(await fanOutPost({ postId: b.postId, version: 1 }, producer, CHUNK)).toBe(BIG - 10);
  expect(await fanOutPost({ postId: b.postId, version: 1 }, producer, CHUNK)).toBe(BIG - 10);
  const after = await statuses(b.ids);
  expect(count(after, "SCHEDULED")).toBe(BIG - 10);
  expect(cancelled.every((id) => after.get(id) === "CANCELLED")).toBe(true);
  const scheduledEntries = (await targetEntries(b.ids)).filter((e) => e.action === "target.scheduled");
  expect(scheduledEntries).toHaveLength(BIG - 10);
  expect(new Set(scheduledEntries.map((e) => e.entityId)).size).toBe(BIG - 10);
  expect(scheduledEntries.every((e) => e.actorId === b.world.approver.id)).toBe(true);
  expect(await publishJobs(cancelled)).toBe(0);
  expect(await publishJobs(b.ids.slice(10))).toBe(BIG - 10);
  expect((await getPost(b.other, b.postId)).fanningOut).toBe(false);
  expect((await listApprovalQueue(b.other)).map((p) => p.id)).not.toContain(b.postId);
  await removeJobs(b.postId, b.ids);
});

it("a fan-out that crashed halfway resumes: every target scheduled, audited and enqueued once", async () => {
  const b = await approvedBroadcast();
  await expect(fanOutPost({ postId: b.postId, version: 1 }, crashingProducer(), CHUNK)).rejects.toThrow(/killed/);
  // Two chunks committed, none enqueued; the post is still awaiting the rest of its fan-out.
  expect(count(await statuses(b.ids), "SCHEDULED")).toBe(2 * CHUNK);
  expect(await publishJobs(b.ids)).toBe(0);
  expect((await postsAwaitingFanOut(1_000)).map((p) => p.postId)).toContain(b.postId);

  expect(await fanOutPost({ postId: b.postId, version: 1 }, producer, CHUNK)).toBe(BIG);
  expect(count(await statuses(b.ids), "SCHEDULED")).toBe(BIG);
  expect(await publishJobs(b.ids)).toBe(BIG);
  const entries = (await targetEntries(b.ids)).filter((e) => e.action === "target.scheduled");
  expect(new Set(entries.map((e) => e.entityId)).size).toBe(BIG);
  expect(entries).toHaveLength(BIG);
  expect((await postsAwaitingFanOut(1_000)).map((p) => p.postId)).not.toContain(b.postId);
  await removeJobs(b.postId, b.ids);
});

it("an edit during the fan-out sends the whole post back for approval: nothing of the approved version stays scheduled", async () => {
  const b = await approvedBroadcast();
  await expect(fanOutPost({ postId: b.postId, version: 1 }, crashingProducer(), CHUNK)).rejects.toThrow(/killed/);
  const author = (await loadActor(b.world.author.id))!;
  const targets = await db.postTarget.findMany({
    where: { postId: b.postId },
    select: { accountId: true, scheduledAt: true },
  });
  await savePost(author, {
    postId: b.postId,
    unitId: b.world.unit.id,
    baseText: "Himbauan kamtibmas, diralat setelah disetujui",
    title: "Himbauan Kamtibmas",
    intent: "submit",
    targets: targets.map((t) => ({ accountId: t.accountId, scheduledAt: t.scheduledAt!.toISOString() })),
  });
  // The edit found 200 targets scheduled and sent them back (removing any job they had); the fan-out of
  // version 1, resumed, moves nothing more, and a job of version 1 that fires finds nothing to publish.
  expect(count(await statuses(b.ids), "PENDING_APPROVAL")).toBe(BIG);
  expect(await publishJobs(b.ids)).toBe(0);
  expect(await fanOutPost({ postId: b.postId, version: 1 }, producer, CHUNK)).toBe(0);
  expect(await fanOutPost({ postId: b.postId }, producer, CHUNK)).toBe(0);
  expect(count(await statuses(b.ids), "PENDING_APPROVAL")).toBe(BIG);
  expect(await publishJobs(b.ids)).toBe(0);
  expect((await claimTarget(b.ids[0]!)).kind).toBe("gone");

  // Version 2 waits for a decision like any edited post, and is approved again by someone else.
  expect((await listApprovalQueue(b.other)).map((p) => p.id)).toContain(b.postId);
  expect((await countWaiting(b.other)).approvals).toBe(1);
  expect((await getPost(b.other, b.postId)).fanningOut).toBe(false);
  await approvePostAs(b.other, { postId: b.postId, version: 2 });
  expect(await queue.getJob(fanOutJobId(b.postId, 2))).toBeDefined();
  expect(await fanOutPost({ postId: b.postId, version: 2 }, producer, CHUNK)).toBe(BIG);
  const v2 = (await targetEntries(b.ids)).filter((e) => e.action === "target.scheduled" && e.actorId === b.other.id);
  expect(v2).toHaveLength(BIG);
  await removeJobs(b.postId, b.ids);
});

it("a crisis pause during the fan-out: its targets are not published, and they go out after the resume", async () => {
  const b = await approvedBroadcast(null);
  // The pause's confirmation names the broadcast, though none of its targets is scheduled yet.
  expect(await pauseImpact(b.approver, [b.world.unit], "SCHEDULED")).toEqual({
    [b.world.unit.id]: { posts: 1, units: 1 },
  });
  const { paused } = await pauseSubtree({
    unitId: b.world.unit.id,
    actorId: b.world.approver.id,
    reason: "Situasi kontinjensi",
  });
  expect(paused).toBe(0);
  expect(await fanOutPost({ postId: b.postId, version: 1 }, producer, CHUNK)).toBe(BIG);
  // Every job fires now (the post goes out "as soon as approved"): each claim finds the pause.
  const claims = await Promise.all(b.ids.map((id) => claimTarget(id)));
  expect(claims.filter((c) => c.kind === "paused")).toHaveLength(BIG);
  const held = await statuses(b.ids);
  expect(count(held, "PAUSED")).toBe(BIG);
  expect(await db.postTarget.count({ where: { id: { in: b.ids }, claimedAt: { not: null } } })).toBe(0);

  expect((await resumeSubtree({ unitId: b.world.unit.id, actorId: b.world.approver.id })).resumed).toBe(BIG);
  expect(count(await statuses(b.ids), "SCHEDULED")).toBe(BIG);
  expect(await publishJobs(b.ids)).toBe(BIG);
  await removeJobs(b.postId, b.ids);
});

it("the reconciler adds a lost fan-out job again, and none once the post is fanned out", async () => {
  const b = await approvedBroadcast();
  const reconcile = () => processReconcile({ redis, prefix: queuePrefix, producer, stuckAfterMs: 60_000 });
  // Redis lost the job (flushed, or it failed out): the reconciler finds the approved post still waiting.
  await queue.remove(fanOutJobId(b.postId, 1));
  expect(await queue.getJob(fanOutJobId(b.postId, 1))).toBeUndefined();
  await reconcile();
  const restored = await queue.getJob(fanOutJobId(b.postId, 1));
  expect(restored?.data).toEqual({ postId: b.postId, version: 1 });
  // While it waits, the reconciler keeps that one job (the same id) and the targets wait for it.
  await reconcile();
  expect(
    (await queue.getJobs(["waiting", "delayed", "prioritized"])).filter(
      (j) => j.name === jobNames.fanOutPost && j.data.postId === b.postId,
    ),
  ).toHaveLength(1);
  expect(count(await statuses(b.ids), "PENDING_APPROVAL")).toBe(BIG);

  expect(await fanOutPost(restored!.data, producer, CHUNK)).toBe(BIG);
  await queue.remove(fanOutJobId(b.postId, 1));
  await reconcile();
  expect(await queue.getJob(fanOutJobId(b.postId, 1))).toBeUndefined();
  await removeJobs(b.postId, b.ids);
});

it("an edit saved while a chunk of the fan-out is under way waits for it, then sends every scheduled target back", async () => {
  const b = await approvedBroadcast();
  const author = (await loadActor(b.world.author.id))!;
  const targets = await db.postTarget.findMany({
    where: { postId: b.postId },
    select: { accountId: true, scheduledAt: true },
  });
  const waitingOnLocks = (n: number) =>
    vi.waitFor(
      async () => {
        const [row] = await db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        expect(row?.n).toBeGreaterThanOrEqual(n);
      },
      { timeout: 20_000, interval: 20 },
    );
  let fanOut: Promise<number> | undefined;
  let edit: Promise<unknown> | undefined;
  // Something else holds the targets' rows (a person cancelling them, the claim): the fan-out's first chunk
  // has taken the post's row in share mode and waits in its UPDATE. The edit is saved meanwhile.
  await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM post_targets WHERE post_id = ${b.postId}::uuid FOR UPDATE`;
      fanOut = fanOutPost({ postId: b.postId, version: 1 }, producer, CHUNK);
      await waitingOnLocks(1);
      edit = savePost(author, {
        postId: b.postId,
        unitId: b.world.unit.id,
        baseText: "Himbauan kamtibmas, diralat saat sasarannya dijadwalkan",
        title: "Himbauan Kamtibmas",
        intent: "submit",
        targets: targets.map((t) => ({ accountId: t.accountId, scheduledAt: t.scheduledAt!.toISOString() })),
      });
      await waitingOnLocks(2);
    },
    { timeout: 30_000 },
  );
  const [ran, saved] = await Promise.allSettled([fanOut!, edit!]);
  expect(saved.status).toBe("fulfilled");
  expect(ran.status).toBe("fulfilled");
  // Whatever the fan-out committed before the edit went back with it; nothing moved after it.
  const after = await statuses(b.ids);
  expect(count(after, "PENDING_APPROVAL")).toBe(BIG);
  expect((await db.post.findUniqueOrThrow({ where: { id: b.postId } })).version).toBe(2);
  expect((await listApprovalQueue(b.other)).map((p) => p.id)).toContain(b.postId);
  expect((await postsAwaitingFanOut(1_000)).map((p) => p.postId)).not.toContain(b.postId);
  const claims = await Promise.all(b.ids.map((id) => claimTarget(id)));
  expect(claims.filter((c) => c.kind !== "gone")).toEqual([]);
  await removeJobs(b.postId, b.ids);
});

import { afterAll, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { db, engineDb, type RawClient } from "@/server/db";
import { movedContextsSelect } from "@/server/publishing/load-publish-request";
import { pausedCondition, transitionTargets, transitionTargetsSelect } from "@/server/publishing/transition-targets";
import { engineProducer } from "@/server/publishing/engine-queue";
import { fanOutPost } from "@/server/publishing/fan-out";
import { approveNewPost, createWorld, dropQueueKeys, statuses } from "./support/engine";

// A burst of publishing must not slow the engine down as it grows. The worker's claim and its record
// of a publication move a few dozen targets at a time; each must cost the database about the same
// whether 30 or 3,000 other targets sit in the same status, and whatever PostgreSQL's statistics say.
// Here the statistics are taken while 1,000 targets wait as SCHEDULED and none is PUBLISHING, as
// autovacuum may leave them just before a big post goes out; then the targets move on. The
// statements run on the worker's own engine pool, under EXPLAIN, and the pages they touch are
// counted: found by key, moving 25 targets touches a few dozen pages per target. Walking the status
// index once per target (what the planner chose before, trusting those statistics) touches
// thousands per target.

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
};

/** Runs a statement under EXPLAIN ANALYZE on `on`: the worker's engine pool, or Prisma's pool as the web app's use-cases do. */
const explainedOn = (on: RawClient): RawClient => ({
  $queryRaw: ((strings: TemplateStringsArray, ...values: unknown[]) =>
    on.$queryRaw(
      Object.assign([`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${strings[0]}`, ...strings.slice(1)], {
        raw: [],
      }),
      ...values,
    )) as RawClient["$queryRaw"],
});
const explained = explainedOn(engineDb);

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

async function cost(
  run: (client: RawClient) => Promise<unknown>,
  on: RawClient = explained,
): Promise<{ pages: number; scanned: string[] }> {
  const rows = (await run(on)) as { "QUERY PLAN": { Plan: PlanNode }[] }[];
  const plan = rows[0]!["QUERY PLAN"][0]!.Plan;
  const scanned: string[] = [];
  walk(plan, (n) => {
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"]) scanned.push(n["Relation Name"]);
  });
  return { pages: (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0), scanned };
}

afterAll(async () => {
  await dropQueueKeys();
});

// Runs first, while this file's database is new and nothing has analyzed post_targets (as on a new
// installation, where the first big post is approved before autovacuum has looked at the table; on
// these machines autovacuum is off, so nothing ever does unless asked).
// Approval moves its targets from one status without locking them first and re-checks the status in
// the UPDATE. Compared with a constant there, the planner (estimating one matching row) scanned the
// table and joined every row with the whole list of 1,000 ids: a million key lookups, 2.4 s instead of
// ~50 ms, and growing with the square of the post's size. Compared with the status the row was read
// with, each id is looked up once.
it("approves 1,000 targets one key lookup each on a new database, before PostgreSQL has statistics", async () => {
  const world = await createWorld();
  const post = await approveNewPost(world, { platform: "LINE_OA", count: 1_000, approve: false });
  const ids = post.targets.map((t) => t.id);

  const approval = await cost(
    (client) =>
      transitionTargets(client, {
        targetIds: ids,
        to: "SCHEDULED",
        from: ["PENDING_APPROVAL"],
        actorId: world.approver.id,
        changes: { scheduledAtIfNone: new Date(), attempts: 0 },
      }),
    explainedOn(db),
  );

  // ~20 pages per target (its row, its audit row, their indexes); a lookup per pair of targets is ~3,000 per target.
  expect(approval.pages).toBeLessThan(1_000 * 100);
  const after = await statuses(ids);
  expect(after.size).toBe(1_000);
  expect([...after.values()].every((s) => s === "SCHEDULED")).toBe(true);
  expect(await db.auditLog.count({ where: { entityId: { in: ids }, action: "target.scheduled" } })).toBe(1_000);
});

it("claims and records 25 targets by key while 1,000 others share their status, whatever the statistics say", async () => {
  const world = await createWorld();
  const post = await approveNewPost(world, { platform: "FACEBOOK_PAGE", count: 1_000 });
  // A broadcast's targets are scheduled by its fan-out job (no worker runs here).
  await fanOutPost({ postId: post.postId }, await engineProducer());
  const ids = post.targets.map((t) => t.id);
  await db.$executeRawUnsafe("ANALYZE post_targets");

  // The claim: 25 of 1,000 SCHEDULED targets (statistics fresh here), through the worker's statement.
  const now = new Date();
  const claim = await cost((client) =>
    transitionTargetsSelect(
      client,
      {
        targetIds: ids.slice(0, 25),
        to: "PUBLISHING",
        from: ["SCHEDULED"],
        actorId: null,
        changes: { claimedAt: now, incrementAttempts: 1 },
        where: Prisma.sql`t.scheduled_at <= ${new Date(now.getTime() + 1_000)} AND NOT ${pausedCondition}`,
      },
      movedContextsSelect,
    ),
  );

  // Every target is now PUBLISHING, while the statistics still say none is.
  expect(
    await transitionTargets(db, { targetIds: ids.slice(25), to: "PUBLISHING", from: ["SCHEDULED"], actorId: null }),
  ).toHaveLength(975);
  const batch = ids.slice(500, 525);
  const record = await cost((client) =>
    transitionTargets(client, {
      targetIds: batch,
      to: "PUBLISHED",
      from: ["PUBLISHING"],
      actorId: null,
      published: new Map(batch.map((id) => [id, { platformPostId: `fb-${id}`, platformUrl: null }])),
      changes: { publishedAt: new Date() },
    }),
  );

  for (const c of [claim, record]) {
    expect(c.scanned).toEqual([]);
    expect(c.pages).toBeLessThan(25 * 100);
  }
  // EXPLAIN ANALYZE ran them for real: exactly those targets moved, each with its audit entry.
  const rows = await db.postTarget.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, platformPostId: true },
  });
  expect(
    rows
      .filter((r) => r.status === "PUBLISHED")
      .map((r) => r.id)
      .sort(),
  ).toEqual([...batch].sort());
  expect(rows.filter((r) => r.status === "PUBLISHED").every((r) => r.platformPostId === `fb-${r.id}`)).toBe(true);
  expect(await db.auditLog.count({ where: { entityId: { in: batch }, action: "target.published" } })).toBe(25);
  expect(await db.auditLog.count({ where: { entityId: { in: ids.slice(0, 25) }, action: "target.publishing" } })).toBe(
    25,
  );
});

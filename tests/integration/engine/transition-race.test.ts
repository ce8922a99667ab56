import { afterAll, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { transitionTargets } from "@/server/publishing/transition-targets";
import { approveNewPost, createWorld, dropQueueKeys } from "./support/engine";

// Two moves of the same targets from the same status, at the same moment: a worker recording the
// posts as published while another gives up on them. Exactly one may win per target, and only the
// winner's move is in the audit log. (The second waits for the first's row locks and must then see
// that the status moved on.)

afterAll(async () => {
  await dropQueueKeys();
});

it("lets only one of two simultaneous moves from PUBLISHING take each target", async () => {
  const world = await createWorld();
  const post = await approveNewPost(world, { platform: "X", count: 40 });
  const ids = post.targets.map((t) => t.id);
  expect(
    await transitionTargets(db, { targetIds: ids, to: "PUBLISHING", from: ["SCHEDULED"], actorId: null }),
  ).toHaveLength(40);

  let second: Promise<unknown> | undefined;
  const failed = await db.$transaction(
    async (tx) => {
      const moved = await transitionTargets(tx, {
        targetIds: ids,
        to: "FAILED",
        from: ["PUBLISHING"],
        actorId: null,
        changes: { lastError: "gave up" },
      });
      // The other move starts while this one holds the rows, and must wait for it.
      second = transitionTargets(db, {
        targetIds: ids,
        to: "PUBLISHED",
        from: ["PUBLISHING"],
        actorId: null,
        published: new Map(ids.map((id) => [id, { platformPostId: `x-${id}`, platformUrl: null }])),
      });
      await vi.waitFor(
        async () => {
          const waiting = await db.$queryRaw<
            { n: number }[]
          >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%siar:prepared%'`;
          expect(waiting[0]?.n).toBeGreaterThanOrEqual(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      return moved;
    },
    { timeout: 20_000 },
  );

  expect(failed).toHaveLength(40);
  expect(await second).toEqual([]);
  const rows = await db.postTarget.findMany({
    where: { id: { in: ids } },
    select: { status: true, platformPostId: true },
  });
  expect(rows.map((r) => r.status)).toEqual(Array(40).fill("FAILED"));
  expect(rows.filter((r) => r.platformPostId !== null)).toEqual([]);
  expect(await db.auditLog.count({ where: { entityId: { in: ids }, action: "target.published" } })).toBe(0);
  expect(await db.auditLog.count({ where: { entityId: { in: ids }, action: "target.failed" } })).toBe(40);
});

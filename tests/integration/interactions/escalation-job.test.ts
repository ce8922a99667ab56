import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { startWorker, type RunningWorker } from "@/worker/start-worker";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";
import { createAccount } from "../../factories/accounts";
import { createUnit } from "../../factories/units";
import { createUser } from "../../factories/users";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { dropQueueKeys, queuePrefix, testEngineConfig } from "../engine/support/engine";

// The escalation job of issue 16 as the worker runs it: a BullMQ job scheduler repeats `interactions.escalate`;
// an unanswered disposition past its deadline is escalated to the function's parent unit once, audited; one
// still within its deadline, and one answered late, are left alone.

let emu: TestEmulator;
let worker: RunningWorker;

beforeAll(async () => {
  emu = await startTestEmulator();
});

afterAll(async () => {
  await worker?.close();
  await emu?.close();
  await dropQueueKeys();
});

it("escalates an overdue disposition to the function's parent, once, on the worker's repeating schedule", async () => {
  const polda = await createUnit(db, { name: "Polda Eskalasi", kind: "Polda", timeZone: "Asia/Makassar" });
  const ditlantas = await createUnit(db, { name: "Ditlantas Eskalasi", kind: FUNCTION_UNIT_KIND, parent: polda });
  const admin = await createUser(db, { memberships: [{ unitId: polda.id, role: "ADMIN" }] });
  const account = await createAccount(db, { unitId: polda.id, platform: "INSTAGRAM" });
  const hour = 3_600_000;
  const make = async (deadlineAt: Date, answeredAt: Date | null) => {
    const interaction = await db.interaction.create({
      data: {
        id: randomUUID(),
        platform: "INSTAGRAM",
        externalId: `esc_${randomUUID()}`,
        accountId: account.id,
        unitId: polda.id,
        kind: "COMMENT",
        text: "Lampu lalu lintas mati",
        receivedAt: new Date(Date.now() - 30 * hour),
        category: "PENGADUAN",
        state: answeredAt ? "ANSWERED" : "FORWARDED",
      },
    });
    return db.disposition.create({
      data: {
        id: randomUUID(),
        interactionId: interaction.id,
        fromUnitId: polda.id,
        toUnitId: ditlantas.id,
        createdById: admin.id,
        deadlineAt,
        answeredAt,
        answeredById: answeredAt ? admin.id : null,
        answer: answeredAt ? "Sudah diperbaiki" : null,
        createdAt: new Date(Date.now() - 26 * hour),
      },
    });
  };
  const overdue = await make(new Date(Date.now() - 2 * hour), null);
  const inTime = await make(new Date(Date.now() + 20 * hour), null);
  const answeredLate = await make(new Date(Date.now() - 2 * hour), new Date(Date.now() - hour));

  worker = await startWorker({
    redisUrl: env().REDIS_URL,
    prefix: queuePrefix,
    concurrency: 2,
    lockMs: 30_000,
    engine: testEngineConfig(emu),
    escalateEveryMs: 300,
  });
  await vi.waitFor(
    async () =>
      expect((await db.disposition.findUniqueOrThrow({ where: { id: overdue.id } })).escalatedAt).not.toBeNull(),
    { timeout: 20_000, interval: 200 },
  );
  // Several more runs of the schedule: still one escalation, one audit entry.
  const runs = await db.auditLog.count({ where: { action: "disposition.escalate" } });
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await db.auditLog.count({ where: { action: "disposition.escalate" } })).toBe(runs);
  const escalated = await db.disposition.findUniqueOrThrow({ where: { id: overdue.id } });
  expect(escalated.escalatedToUnitId).toBe(polda.id);
  const audit = await db.auditLog.findMany({ where: { entityId: overdue.id, action: "disposition.escalate" } });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorId: null, entityType: "Disposition", unitId: polda.id });
  for (const id of [inTime.id, answeredLate.id]) {
    expect((await db.disposition.findUniqueOrThrow({ where: { id } })).escalatedAt).toBeNull();
  }
});

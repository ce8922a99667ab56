import "server-only";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";

// Run by the worker (no guards, no session: nothing of the web app's request side is imported here).

/**
 * Escalation (the repeating job `interactions.escalate`): every disposition past its deadline, unanswered and
 * not yet escalated, is escalated to its function's parent unit, once: the update is conditional, so two
 * runs at once escalate each disposition one time, with one audit entry (actor: the system).
 */
export async function escalateOverdue(now = new Date()): Promise<{ escalated: number }> {
  let escalated = 0;
  for (;;) {
    const due = await db.disposition.findMany({
      where: { answeredAt: null, escalatedAt: null, deadlineAt: { lt: now } },
      orderBy: { deadlineAt: "asc" },
      take: 200,
      select: {
        id: true,
        deadlineAt: true,
        toUnit: { select: { id: true, parentId: true, parent: { select: { id: true, path: true } } } },
        interaction: { select: { id: true, unit: { select: { id: true, path: true } } } },
      },
    });
    if (!due.length) return { escalated };
    await db.$transaction(async (tx) => {
      for (const d of due) {
        const parent = d.toUnit.parent;
        const { count } = await tx.disposition.updateMany({
          where: { id: d.id, escalatedAt: null, answeredAt: null },
          data: { escalatedAt: now, escalatedToUnitId: parent?.id ?? null },
        });
        if (!count) continue;
        escalated++;
        await writeAudit(tx, {
          actorId: null,
          action: "disposition.escalate",
          entityType: "Disposition",
          entityId: d.id,
          unit: parent ?? d.interaction.unit,
          before: { escalatedAt: null },
          after: { escalatedAt: now, escalatedToUnitId: parent?.id ?? null, deadlineAt: d.deadlineAt },
        });
      }
    });
    if (due.length < 200) return { escalated };
  }
}

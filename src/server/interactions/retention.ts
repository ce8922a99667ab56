import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db, type Db, type Tx } from "@/server/db";
import { forbidden } from "@/server/errors";
import { rootOf } from "@/server/users/user-access";
import { DEFAULT_RETENTION_DAYS } from "@/lib/interactions";
import { retentionSettingsSchema } from "@/schemas/interactions";

// How long citizens' items are kept before they are anonymised (issue 16 item 7, UU 27/2022;
// docs/decisions/0011-interaksi-warga.md): per organisation (root unit), set beside the disposition deadlines.

export async function retentionDaysFor(unit: { path: string }, client: Db | Tx = db): Promise<number> {
  const row = await client.interactionRetention.findUnique({ where: { rootUnitId: rootOf(unit) } });
  return row?.days ?? DEFAULT_RETENTION_DAYS;
}

/** Sets an organisation's keeping period; SUPERVISOR or SUPERADMIN over the root, one audit entry. */
export async function updateRetention(actor: Actor, raw: unknown): Promise<{ days: number }> {
  const input = retentionSettingsSchema.parse(raw);
  const root = await db.unit.findUnique({
    where: { id: input.rootUnitId },
    select: { id: true, path: true, parentId: true },
  });
  if (!root || root.parentId !== null || !actorCan(actor, "interaction.configure", root)) throw forbidden();
  return db.$transaction(async (tx) => {
    const before = await retentionDaysFor(root, tx);
    await tx.interactionRetention.upsert({
      where: { rootUnitId: root.id },
      create: { rootUnitId: root.id, days: input.days, updatedById: actor.id },
      update: { days: input.days, updatedById: actor.id, updatedAt: new Date() },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "settings.interactionRetention",
      entityType: "Settings",
      entityId: root.id,
      unit: root,
      before: { days: before },
      after: { days: input.days },
    });
    return { days: input.days };
  });
}

const BATCH = 2_000;

/**
 * The daily job `interactions.anonymise` (run by the worker: no guards, no session). Every item received
 * before its organisation's keeping period began loses what identifies the citizen: author name, handle and
 * platform id, the text, the platform's reply data, and the words of its dispositions (Humas's note, the
 * function's answer, a clarification), which may quote the citizen. What the statistics need stays: platform,
 * account, unit, times, category, state, the reply's times, and the item's own external id (so a later poll does
 * not store the comment again). Batches of 2,000 rows, each its own transaction; one audit entry per
 * organisation and run with the count, actor the system.
 */
export async function anonymiseExpired(now = new Date()): Promise<{ anonymised: number }> {
  const roots = await db.unit.findMany({
    where: { parentId: null },
    select: { id: true, path: true, interactionRetention: { select: { days: true } } },
  });
  let total = 0;
  for (const root of roots) {
    const days = root.interactionRetention?.days ?? DEFAULT_RETENTION_DAYS;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    let count = 0;
    for (;;) {
      const done = await db.$transaction(async (tx) => {
        const ids = await tx.$queryRaw<{ id: string }[]>`
          select i.id from interactions i join units u on u.id = i.unit_id
          where u.path like ${`${root.path}%`} and i.received_at < ${cutoff} and i.anonymised_at is null
          limit ${BATCH} for update of i skip locked`;
        if (!ids.length) return 0;
        const list = ids.map((r) => r.id);
        await tx.$executeRaw`
          update interactions set author_external_id = null, author_handle = null, author_name = null, text = '',
            platform_data = null, anonymised_at = ${now}
          where id = any(${list}::uuid[])`;
        await tx.$executeRaw`
          update dispositions set note = case when note is null then null else '' end,
            answer = case when answer is null then null else '' end,
            clarification = case when clarification is null then null else '' end,
            clarification_reply = case when clarification_reply is null then null else '' end
          where interaction_id = any(${list}::uuid[])`;
        return list.length;
      });
      count += done;
      if (done < BATCH) break;
    }
    if (count > 0)
      await db.$transaction((tx) =>
        writeAudit(tx, {
          actorId: null,
          action: "interaction.anonymise",
          entityType: "Settings",
          entityId: root.id,
          unit: root,
          after: { count, days, receivedBefore: cutoff },
        }),
      );
    total += count;
  }
  return { anonymised: total };
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { Platform } from "@/generated/prisma/enums";
import { soundsUrgent } from "@/lib/interactions";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import type { IncomingItem } from "@/server/interactions/webhook-payloads";

/**
 * Stores citizens' items once: (platform, external id) is unique and the insert skips what is there
 * (ON CONFLICT DO NOTHING), so a webhook delivered three times, a retried job or an overlapping poll
 * leaves one row. Items for an account Siar does not know are dropped. Returns how many were new.
 */
export async function storeInteractions(items: readonly IncomingItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const keys = [...new Set(items.map((i) => `${i.platform} ${i.accountPlatformId}`))];
  const accounts = await db.socialAccount.findMany({
    where: {
      OR: keys.map((k) => {
        const [platform, platformAccountId] = k.split(" ") as [Platform, string];
        return { platform, platformAccountId };
      }),
    },
    select: { id: true, unitId: true, platform: true, platformAccountId: true },
  });
  const byKey = new Map(accounts.map((a) => [`${a.platform} ${a.platformAccountId}`, a]));
  const parents = items.filter((i) => i.externalParentId).map((i) => i.externalParentId!);
  const targets = parents.length
    ? await db.postTarget.findMany({
        where: { platformPostId: { in: [...new Set(parents)] }, accountId: { in: accounts.map((a) => a.id) } },
        select: { id: true, accountId: true, platformPostId: true },
      })
    : [];
  const targetOf = new Map(targets.map((t) => [`${t.accountId} ${t.platformPostId}`, t.id]));

  const rows = items.flatMap((item) => {
    const account = byKey.get(`${item.platform} ${item.accountPlatformId}`);
    if (!account) {
      logger.warn({ platform: item.platform }, "Webhook item for an account Siar does not hold; dropped");
      return [];
    }
    return [
      {
        id: randomUUID(),
        platform: item.platform,
        externalId: item.externalId,
        accountId: account.id,
        unitId: account.unitId,
        kind: item.kind,
        authorExternalId: item.authorExternalId,
        authorHandle: item.authorHandle,
        authorName: item.authorName,
        text: item.text,
        targetId: item.externalParentId ? (targetOf.get(`${account.id} ${item.externalParentId}`) ?? null) : null,
        externalParentId: item.externalParentId,
        receivedAt: item.receivedAt,
        urgent: soundsUrgent(item.text),
        platformData: item.platformData ?? undefined,
      },
    ];
  });
  if (rows.length === 0) return 0;
  const { count } = await db.interaction.createMany({ data: rows, skipDuplicates: true });
  return count;
}

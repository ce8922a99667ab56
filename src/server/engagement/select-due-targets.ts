import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import type { Db } from "@/server/db";

/** Ids per metrics request: X 100, YouTube 50, TikTok 20 (docs/platforms.md); the others answer one post at a time. */
export const batchSize: Record<Platform, number> = {
  X: 100,
  YOUTUBE: 50,
  TIKTOK: 20,
  FACEBOOK_PAGE: 1,
  INSTAGRAM: 1,
  LINE_OA: 1,
};

export type DueRow = {
  target_id: string;
  platform_post_id: string;
  account_id: string;
  platform: Platform;
  platform_account_id: string;
  handle: string;
  access_token_enc: string;
  refresh_token_enc: string | null;
};

export type DueBatch = {
  platform: Platform;
  accountId: string;
  account: { platformAccountId: string; handle: string };
  sealed: { accessToken: string; refreshToken: string | null };
  targets: { targetId: string; platformPostId: string }[];
};

/** Groups due targets by account (one token per request) and cuts each group to the platform's batch size. */
export function toBatches(rows: readonly DueRow[]): DueBatch[] {
  const byAccount = new Map<string, DueRow[]>();
  for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);
  const batches: DueBatch[] = [];
  for (const group of byAccount.values()) {
    const first = group[0]!;
    const size = batchSize[first.platform];
    for (let i = 0; i < group.length; i += size) {
      batches.push({
        platform: first.platform,
        accountId: first.account_id,
        account: { platformAccountId: first.platform_account_id, handle: first.handle },
        sealed: { accessToken: first.access_token_enc, refreshToken: first.refresh_token_enc },
        targets: group.slice(i, i + size).map((r) => ({ targetId: r.target_id, platformPostId: r.platform_post_id })),
      });
    }
  }
  return batches;
}

/** Published targets whose next reading is due, oldest first, from accounts that can be asked. */
export async function selectDueTargets(
  db: Db,
  { now, limit, accountIds }: { now: Date; limit: number; accountIds?: string[] },
): Promise<DueBatch[]> {
  const only = accountIds ? Prisma.sql`and a.id = any(${accountIds}::uuid[])` : Prisma.empty;
  const rows = await db.$queryRaw<DueRow[]>`
    select m.target_id, t.platform_post_id, a.id as account_id, a.platform, a.platform_account_id, a.handle,
           a.access_token_enc, a.refresh_token_enc
    from target_metrics m
    join post_targets t on t.id = m.target_id
    join social_accounts a on a.id = m.account_id
    where m.next_poll_at <= ${now} and m.outcome = 'PUBLISHED' and t.platform_post_id is not null
      and a.status = 'ACTIVE' and a.access_token_enc is not null ${only}
    order by m.next_poll_at
    limit ${limit}`;
  return toBatches(rows);
}

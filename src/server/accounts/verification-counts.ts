import "server-only";
import type { AccountVerification } from "@/generated/prisma/enums";
import { db } from "@/server/db";

/** Accounts awaiting verification in each unit's subtree (for the leaderboard's unit rows). */
export async function awaitingInSubtrees(units: readonly { id: string; path: string }[]): Promise<Map<string, number>> {
  if (units.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; n: number }[]>`
    SELECT u.id::text AS id, count(a.id)::int AS n
    FROM unnest(${units.map((u) => u.id)}::uuid[], ${units.map((u) => u.path)}::text[]) AS u(id, path)
    JOIN units d ON d.path LIKE u.path || '%'
    JOIN social_accounts a ON a.unit_id = d.id AND a.verification = 'PENDING'
    GROUP BY u.id`;
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Each account's verification (for the leaderboard's account rows). */
export async function verificationOf(accountIds: readonly string[]): Promise<Map<string, AccountVerification>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.socialAccount.findMany({
    where: { id: { in: [...accountIds] } },
    select: { id: true, verification: true },
  });
  return new Map(rows.map((r) => [r.id, r.verification]));
}

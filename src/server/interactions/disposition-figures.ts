import "server-only";
import { db } from "@/server/db";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";

export type FunctionFigures = { unitId: string; name: string; open: number; overdue: number; escalated: number };

/**
 * For the leadership dashboard: per function unit of a subtree, its open dispositions, how many are past their
 * deadline and how many were escalated to its parent. Figures only, never the citizens' messages. One
 * statement, grouped in the database.
 */
export async function dispositionFigures(unitPath: string, now = new Date()): Promise<FunctionFigures[]> {
  const rows = await db.$queryRaw<
    { unit_id: string; name: string; open: bigint; overdue: bigint; escalated: bigint }[]
  >`
    SELECT u.id AS unit_id, u.name,
           count(*) FILTER (WHERE d.answered_at IS NULL) AS open,
           count(*) FILTER (WHERE d.answered_at IS NULL AND d.deadline_at < ${now}) AS overdue,
           count(*) FILTER (WHERE d.answered_at IS NULL AND d.escalated_at IS NOT NULL) AS escalated
    FROM dispositions d JOIN units u ON u.id = d.to_unit_id
    WHERE u.path LIKE ${`${unitPath}%`} AND u.kind = ${FUNCTION_UNIT_KIND}
    GROUP BY u.id, u.name
    HAVING count(*) FILTER (WHERE d.answered_at IS NULL) > 0
    ORDER BY count(*) FILTER (WHERE d.answered_at IS NULL AND d.deadline_at < ${now}) DESC, u.name`;
  return rows.map((r) => ({
    unitId: r.unit_id,
    name: r.name,
    open: Number(r.open),
    overdue: Number(r.overdue),
    escalated: Number(r.escalated),
  }));
}

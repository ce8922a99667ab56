import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { FUNCTION_UNIT_KIND } from "@/lib/interactions";

export type FunctionFigures = {
  unitId: string;
  name: string;
  /** Now: unanswered, of those past their deadline, of those escalated to the function's parent. */
  open: number;
  overdue: number;
  escalated: number;
  /** Forwarded to it in the period, of those answered within their deadline, and those late (answered late or still open past it). */
  forwarded: number;
  answeredOnTime: number;
  late: number;
  /** Median time from the citizen's message to the first public reply, over the period's forwarded items replied to. */
  medianFirstReplySeconds: number | null;
};

/**
 * For the leadership dashboard (decision 0011, "Measured"): per function unit of a subtree, its dispositions
 * as they stand now (open, overdue, escalated) and, for those forwarded in the period, how many were answered
 * within the deadline, how many were late, and the median time to the public reply. Figures only, never the
 * citizens' messages. One statement, grouped in the database; without a period, every disposition counts.
 */
export async function dispositionFigures(
  unitPath: string,
  period: { from: number; to: number } | null = null,
  now = new Date(),
): Promise<FunctionFigures[]> {
  // Forwarded in the period: on the forwarding unit's local day (WIB, WITA, WIT), as the board counts a post
  // on its account's unit's day and Responsivitas an item on its (decision 0004), not between Jakarta's
  // midnights, which put 00:00–01:00 WITA (00:00–02:00 WIT) in the day before. The bound in WHERE only
  // narrows the rows read: no zone's day begins more than 14 hours before UTC's.
  const day = Prisma.sql`((d.created_at at time zone fu.time_zone)::date - date '1970-01-01')`;
  const inPeriod = period ? Prisma.sql`(${day} between ${period.from} and ${period.to})` : Prisma.sql`true`;
  const since = period ? new Date(period.from * 86_400_000 - 14 * 3_600_000) : new Date(0);
  const rows = await db.$queryRaw<
    {
      unit_id: string;
      name: string;
      open: bigint;
      overdue: bigint;
      escalated: bigint;
      forwarded: bigint;
      on_time: bigint;
      late: bigint;
      median: number | null;
    }[]
  >`
    SELECT u.id AS unit_id, u.name,
           count(*) FILTER (WHERE d.answered_at IS NULL) AS open,
           count(*) FILTER (WHERE d.answered_at IS NULL AND d.deadline_at < ${now}) AS overdue,
           count(*) FILTER (WHERE d.answered_at IS NULL AND d.escalated_at IS NOT NULL) AS escalated,
           count(*) FILTER (WHERE ${inPeriod}) AS forwarded,
           count(*) FILTER (WHERE ${inPeriod} AND d.answered_at <= d.deadline_at) AS on_time,
           count(*) FILTER (WHERE ${inPeriod}
             AND (d.answered_at > d.deadline_at OR (d.answered_at IS NULL AND d.deadline_at < ${now}))) AS late,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.first_reply_at - i.received_at)::float8)
             FILTER (WHERE ${inPeriod} AND i.first_reply_at IS NOT NULL) AS median
    FROM dispositions d JOIN units u ON u.id = d.to_unit_id JOIN units fu ON fu.id = d.from_unit_id
      JOIN interactions i ON i.id = d.interaction_id
    WHERE u.path LIKE ${`${unitPath}%`} AND u.kind = ${FUNCTION_UNIT_KIND}
      AND (d.answered_at IS NULL OR d.created_at >= ${since})
    GROUP BY u.id, u.name
    HAVING count(*) FILTER (WHERE d.answered_at IS NULL) > 0
        OR count(*) FILTER (WHERE ${inPeriod}) > 0
    ORDER BY count(*) FILTER (WHERE d.answered_at IS NULL AND d.deadline_at < ${now}) DESC, u.name`;
  return rows.map((r) => ({
    unitId: r.unit_id,
    name: r.name,
    open: Number(r.open),
    overdue: Number(r.overdue),
    escalated: Number(r.escalated),
    forwarded: Number(r.forwarded),
    answeredOnTime: Number(r.on_time),
    late: Number(r.late),
    medianFirstReplySeconds: r.median === null ? null : Math.round(r.median),
  }));
}

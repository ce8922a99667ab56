import "server-only";
import { actorCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";

export type PauseImpact = { posts: number; units: number };

/**
 * What a pause (SCHEDULED targets, and those of an approved post not yet scheduled) or a resume (PAUSED targets) of each given unit would touch: the
 * posts and the units of their accounts in the unit's subtree, for the confirmation that names them
 * ("Menjeda 37 unggahan terjadwal di 12 unit"; docs/decisions/0010-the-desk-on-phones.md). Only units the
 * actor may pause are counted; the subtree is the one `pauseSubtree` moves (accounts below the unit).
 */
export async function pauseImpact(
  actor: Actor,
  units: readonly { id: string; path: string }[],
  status: "SCHEDULED" | "PAUSED",
): Promise<Record<string, PauseImpact>> {
  const ids = units.filter((u) => actorCan(actor, "publishing.pause", u)).map((u) => u.id);
  if (!ids.length) return {};
  // A pause also holds an approved broadcast whose fan-out has not scheduled every target yet (decision 0012):
  // those targets still wait (PENDING_APPROVAL at the approved version) and are paused when they come up.
  const approvedWaiting = status === "SCHEDULED";
  const rows = await db.$queryRaw<{ unitId: string; posts: number; units: number }[]>`
    SELECT o.id::text AS "unitId", count(DISTINCT t.post_id)::int AS posts, count(DISTINCT a.unit_id)::int AS units
    FROM post_targets t
    JOIN posts p ON p.id = t.post_id
    JOIN social_accounts a ON a.id = t.account_id
    JOIN units au ON au.id = a.unit_id
    JOIN units o ON au.path LIKE o.path || '%'
    WHERE (t.status = ${status}::"TargetStatus"
           OR (${approvedWaiting} AND t.status = 'PENDING_APPROVAL' AND p.approved_version = p.version))
      AND o.id = ANY(${ids}::uuid[])
    GROUP BY o.id`;
  return Object.fromEntries(rows.map((r) => [r.unitId, { posts: r.posts, units: r.units }]));
}

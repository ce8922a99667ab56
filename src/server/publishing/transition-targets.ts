import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { TargetStatus } from "@/generated/prisma/enums";
import { PREPARED, type RawClient } from "@/server/db";
import { sourcesOf } from "@/lib/post-lifecycle";
import { targetAction } from "@/lib/audit-actions";

// The one way a target's status changes. It moves only targets whose current status may go to `to`
// (allowedTransitions) and that match the optional extra condition, and writes one audit entry per
// moved target, all in a single statement: atomic without a transaction, and fast for 1,000 targets.

export type TargetChanges = {
  scheduledAt?: Date;
  /** The time for targets that have none yet (a post to go out now); a set time is kept. */
  scheduledAtIfNone?: Date;
  lastError?: string | null;
  lastErrorKind?: string | null;
  platformPostId?: string | null;
  platformUrl?: string | null;
  platformState?: Record<string, unknown> | null;
  claimedAt?: Date | null;
  publishedAt?: Date | null;
  attempts?: number;
  incrementAttempts?: number;
};

export type TransitionInput = {
  targetIds: readonly string[];
  /**
   * Instead of `targetIds`: every target of this post in a status that may move (an approval of a
   * broadcast: 5,000 ids are neither read into the app nor sent back, and each row is found by one walk of
   * the post's targets instead of one lookup per id).
   */
  ofPost?: string;
  to: TargetStatus;
  /** Narrower than the table allows (e.g. claim only from SCHEDULED). */
  from?: readonly TargetStatus[];
  actorId: string | null;
  changes?: TargetChanges;
  /** Extra condition on t (post_targets), p (posts), u (post unit), au (account unit). */
  where?: Prisma.Sql;
  /** Written into the audit entry (e.g. the reason for a pause). */
  note?: string;
  /** Per-target post ids and links (many targets published in one statement). */
  published?: ReadonlyMap<string, { platformPostId: string | null; platformUrl: string | null }>;
};

export type Transitioned = { id: string; before: TargetStatus };

const col = {
  scheduledAt: "scheduled_at",
  lastError: "last_error",
  lastErrorKind: "last_error_kind",
  platformPostId: "platform_post_id",
  platformUrl: "platform_url",
  claimedAt: "claimed_at",
  publishedAt: "published_at",
  attempts: "attempts",
} as const;

function assignments(changes: TargetChanges): Prisma.Sql[] {
  const sets: Prisma.Sql[] = [];
  for (const [key, column] of Object.entries(col) as [keyof typeof col, string][]) {
    const value = changes[key];
    if (value !== undefined) sets.push(Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`);
  }
  if (changes.platformState !== undefined) {
    sets.push(
      changes.platformState === null
        ? Prisma.sql`"platform_state" = NULL`
        : Prisma.sql`"platform_state" = ${JSON.stringify(changes.platformState)}::jsonb`,
    );
  }
  if (changes.scheduledAtIfNone !== undefined && changes.scheduledAt === undefined) {
    sets.push(Prisma.sql`"scheduled_at" = COALESCE(t."scheduled_at", ${changes.scheduledAtIfNone})`);
  }
  if (changes.incrementAttempts) sets.push(Prisma.sql`"attempts" = t."attempts" + ${changes.incrementAttempts}`);
  return sets;
}

export async function transitionTargets(client: RawClient, input: TransitionInput): Promise<Transitioned[]> {
  return transitionTargetsSelect<Transitioned>(
    client,
    input,
    Prisma.sql`SELECT id::text AS id, before::text AS before FROM moved`,
  );
}

/**
 * The same move, answering with `select`: a query over `moved` (id, before, and the new
 * status_now, attempts, scheduled_at and account_id), e.g. to load what was just claimed in the same round trip. Other tables joined there are
 * seen as they were before this statement.
 */
export async function transitionTargetsSelect<T>(
  client: RawClient,
  input: TransitionInput,
  select: Prisma.Sql,
): Promise<T[]> {
  if (input.targetIds.length === 0 && !input.ofPost) return [];
  const allowed = sourcesOf(input.to).filter((s) => !input.from || input.from.includes(s));
  if (allowed.length === 0) return [];
  const changes = input.changes ?? {};
  // From one status and on no other condition, the UPDATE's own re-check of the status is all that
  // FOR UPDATE adds: PostgreSQL re-reads a row another transaction changed meanwhile and skips it if its
  // status moved on, the same rows FOR UPDATE would skip, without writing a lock record for every row
  // first (~10 % of a 1,000-target approval). With other conditions (the claim's time and pause)
  // the rows are locked first, so those conditions are re-checked too.
  const lockFirst = allowed.length > 1 || input.where !== undefined;
  // Every row is found by its primary key, one id after another, whatever the planner's statistics
  // say; the status is compared as text, which no index serves. Left free, the planner walked the
  // status index instead whenever its statistics predate a burst of publishing (they say no target
  // is PUBLISHING while a thousand are), once per id: a 25-target batch then cost ~90 ms of database
  // time instead of ~2 ms (decision 0002). OFFSET 0 keeps the per-id lookup from being flattened away.
  const lookup = lockFirst ? Prisma.sql`FOR UPDATE` : Prisma.sql`OFFSET 0`;
  // The re-check compares with the status the row was read with, not with a constant: against a
  // constant, a planner that believes few rows match (a new or small table, before statistics) scanned
  // the table first and joined each row with the whole id list, quadratic in the number of targets
  // (2.4 s for a 1,000-target approval on a new database; transition-plan.test.ts). As text, because
  // compared as the enum the planner walked the (status, scheduled_at) index for every id instead.
  const recheck = lockFirst ? Prisma.empty : Prisma.sql`AND t.status::text = old.status::text`;
  const sets = [
    Prisma.sql`"status" = ${input.to}::"TargetStatus"`,
    Prisma.sql`"updated_at" = now()`,
    ...assignments(changes),
  ];
  const { platformState: _state, scheduledAtIfNone, ...visible } = changes;
  const after = JSON.stringify({ status: input.to, ...visible, ...(input.note ? { note: input.note } : {}) });
  const action = targetAction(input.to);
  const pub = input.published;
  const ids = [...new Set(input.targetIds)].filter((id) => !pub || pub.has(id));
  const postIds = pub ? ids.map((id) => pub.get(id)?.platformPostId ?? null) : [];
  const urls = pub ? ids.map((id) => pub.get(id)?.platformUrl ?? null) : [];
  if (pub) sets.push(Prisma.sql`"platform_post_id" = old.v_post_id`, Prisma.sql`"platform_url" = old.v_url`);
  const source =
    input.ofPost && !pub
      ? Prisma.sql`(
          SELECT t0.*, NULL::text AS v_post_id, NULL::text AS v_url FROM post_targets t0
          WHERE t0.post_id = ${input.ofPost}::uuid AND t0.status::text = ANY(${allowed}::text[]) ${lookup}
        ) t`
      : Prisma.sql`unnest(${ids}::uuid[], ${postIds}::text[], ${urls}::text[]) AS k(id, v_post_id, v_url)
      CROSS JOIN LATERAL (
        SELECT t0.* FROM post_targets t0 WHERE t0.id = k.id AND t0.status::text = ANY(${allowed}::text[]) ${lookup}
      ) t`;
  // The account and its unit are read only for an extra condition, which may name them (a pause): an
  // approval of 5,000 targets spent a quarter of its statement looking them up for nothing.
  const accounts = input.where
    ? Prisma.sql`JOIN social_accounts a ON a.id = t.account_id JOIN units au ON au.id = a.unit_id`
    : Prisma.empty;
  return client.$queryRaw<T[]>`${Prisma.raw(PREPARED)}
    WITH old AS (
      SELECT t.id, t.status, p.unit_id, u.path, v_post_id, v_url
      FROM ${source}
      JOIN posts p ON p.id = t.post_id
      JOIN units u ON u.id = p.unit_id
      ${accounts}
      WHERE ${input.where ?? Prisma.sql`TRUE`}
    ), moved AS (
      UPDATE post_targets t SET ${Prisma.join(sets, ", ")}
      FROM old WHERE t.id = old.id ${recheck}
      RETURNING t.id, old.status AS before, old.unit_id, old.path, old.v_post_id, t.scheduled_at, t.attempts, t.status AS status_now,
                t.account_id
    ), audit AS (
      INSERT INTO audit_logs (actor_id, action, entity_type, entity_id, unit_id, unit_path, before, after)
      SELECT ${input.actorId}::uuid, ${action}, 'PostTarget', moved.id::text, moved.unit_id, moved.path,
             jsonb_build_object('status', moved.before),
             ${after}::jsonb || CASE WHEN moved.v_post_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('platformPostId', moved.v_post_id) END
               || ${scheduledAtIfNone ? Prisma.sql`jsonb_build_object('scheduledAt', to_char(moved.scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))` : Prisma.sql`'{}'::jsonb`}
      FROM moved
    )
    ${select}`;
}

/** Targets whose account's unit or post's unit lies under an active crisis pause. */
export const pausedCondition = Prisma.sql`EXISTS (
  SELECT 1 FROM publishing_pauses pp JOIN units pu ON pu.id = pp.unit_id
  WHERE pp.ended_at IS NULL AND (au.path LIKE pu.path || '%' OR u.path LIKE pu.path || '%'))`;

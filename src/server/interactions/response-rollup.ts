import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { defaultDeadlineHours } from "@/lib/interactions";

// Run by the worker (the repeating job `interactions.rollup`) and by tests; no guards, no session.
//
// Responsivitas (docs/decisions/0004-activity-index.md, 0011-interaksi-warga.md): per account and local day of
// receipt, the items that needed a public reply and are decided (replied, or unreplied past their deadline),
// how many were replied within the deadline, how many were replied, and the seconds those replies took. An
// item needs a reply unless it is spam or was closed without one; its deadline is its category's hours in
// the organisation's disposition deadlines (an item never categorised is judged as a Pertanyaan).

/** The longest deadline a setting allows is 720 h: after 31 days every item's judgement is final. */
const WINDOW_DAYS = 31;
/** Items changed by a transaction that committed after the previous run began are looked at again. */
const COMMIT_LAG_MS = 5 * 60_000;
const MARK_ID = 1;
// One roll-up at a time: two runs at once would delete and insert the same days.
const LOCK_KEY = 91744118461016n;

const defaults = JSON.stringify(defaultDeadlineHours);

/** The (account, local day) pairs holding items that changed since `since` or may have passed a deadline. */
const touchedDays = (since: Date, windowStart: Date) => Prisma.sql`
  select distinct i.account_id, ((i.received_at at time zone u.time_zone)::date - date '1970-01-01') as day, u.time_zone, u.path
  from interactions i join social_accounts a on a.id = i.account_id join units u on u.id = a.unit_id
  where i.updated_at >= ${since} or i.received_at >= ${windowStart}`;

const allDays = Prisma.sql`
  select distinct i.account_id, ((i.received_at at time zone u.time_zone)::date - date '1970-01-01') as day, u.time_zone, u.path
  from interactions i join social_accounts a on a.id = i.account_id join units u on u.id = a.unit_id`;

/** The figures of the given days, computed from the items themselves. */
const figures = (days: Prisma.Sql, now: Date) => Prisma.sql`
  select k.account_id, k.day,
    (count(*) filter (where x.first_reply_at is not null or x.deadline <= ${now}))::int as due,
    (count(*) filter (where x.first_reply_at <= x.deadline))::int as on_time,
    (count(*) filter (where x.first_reply_at is not null))::int as replied,
    coalesce(sum(round(extract(epoch from x.first_reply_at - x.received_at))) filter (where x.first_reply_at is not null), 0)::bigint as reply_seconds
  from (${days}) k
  join lateral (
    select i.received_at, i.first_reply_at,
      i.received_at + make_interval(hours => coalesce(
        (select dd.hours from disposition_deadlines dd
          where dd.root_unit_id = split_part(k.path, '/', 2)::uuid and dd.category = coalesce(i.category, 'PERTANYAAN')),
        (${defaults}::jsonb ->> coalesce(i.category::text, 'PERTANYAAN'))::int)) as deadline
    from interactions i
    where i.account_id = k.account_id
      and i.received_at >= ((date '1970-01-01' + k.day)::timestamp at time zone k.time_zone)
      and i.received_at < ((date '1970-01-01' + k.day + 1)::timestamp at time zone k.time_zone)
      and i.category is distinct from 'SPAM'
      and not (i.state = 'CLOSED' and i.first_reply_at is null)
  ) x on true
  group by k.account_id, k.day
  having count(*) filter (where x.first_reply_at is not null or x.deadline <= ${now}) > 0`;

type RollupOptions = { now?: Date; rebuild?: boolean };

/**
 * Brings `account_daily_responses` up to date: every day holding an item changed since the previous run (a
 * reply sent, a category set, an item closed), and every day of the last 31, whose unreplied items may have
 * passed their deadline since, is computed again from its items. `rebuild` recomputes every day (seed,
 * repair). Returns the number of days written.
 */
export async function rollupResponses(opts: RollupOptions = {}): Promise<{ days: number }> {
  return db.$transaction((tx) => rollupResponsesIn(tx, opts), { timeout: 120_000 });
}

/** The same inside a transaction the caller holds (the demo seed). */
export async function rollupResponsesIn(tx: Tx, opts: RollupOptions = {}): Promise<{ days: number }> {
  const now = opts.now ?? new Date();
  await tx.$executeRaw`select pg_advisory_xact_lock(${LOCK_KEY})`;
  const mark = await tx.responseRollupMark.findUnique({ where: { id: MARK_ID } });
  const rebuild = opts.rebuild || !mark;
  const since = new Date((mark?.computedAt.getTime() ?? 0) - COMMIT_LAG_MS);
  const windowStart = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const days = rebuild ? allDays : touchedDays(since, windowStart);
  if (rebuild) await tx.$executeRaw`delete from account_daily_responses`;
  else
    await tx.$executeRaw`delete from account_daily_responses r using (${days}) k
      where r.account_id = k.account_id and r.day = k.day`;
  const written = await tx.$executeRaw`
    insert into account_daily_responses (account_id, day, due, on_time, replied, reply_seconds)
    ${figures(days, now)}
    on conflict (account_id, day) do update set due = excluded.due, on_time = excluded.on_time,
      replied = excluded.replied, reply_seconds = excluded.reply_seconds`;
  await tx.responseRollupMark.upsert({
    where: { id: MARK_ID },
    create: { id: MARK_ID, computedAt: now },
    update: { computedAt: now },
  });
  return { days: written };
}

import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { actorCanAnywhere, unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { forbidden } from "@/server/errors";
import { loadUnitFor } from "@/server/units/unit-access";
import { buildTree, flattenTree } from "@/server/units/unit-tree";
import { arrivalOf, FUNCTION_UNIT_KIND, readsThePublic, type Arrival } from "@/lib/interactions";
import { env } from "@/server/env";
import { inboxQuerySchema, type InboxQuery } from "@/schemas/interactions";
import { cursorOf, interactionWhere, parseCursor } from "@/server/interactions/inbox-scope";

export const INBOX_PAGE_SIZE = 25;

/** The page's own columns; its relations come from one more statement (`withRelations`). */
const pageSelect = {
  id: true,
  platform: true,
  kind: true,
  authorHandle: true,
  authorName: true,
  text: true,
  receivedAt: true,
  category: true,
  urgent: true,
  state: true,
  externalParentId: true,
  anonymisedAt: true,
} satisfies Prisma.InteractionSelect;
type PageRow = Prisma.InteractionGetPayload<{ select: typeof pageSelect }>;
/** An item as the inbox shows it: its columns and what `withRelations` adds. */
type InboxItem = Prisma.InteractionGetPayload<{
  select: typeof pageSelect & {
    assignee: { select: { name: true } };
    account: { select: { id: true; handle: true; platform: true } };
    unit: { select: { name: true; timeZone: true } };
    target: { select: { post: { select: { id: true; title: true; baseText: true } } } };
    dispositions: {
      select: { deadlineAt: true; answeredAt: true; escalatedAt: true; toUnit: { select: { name: true } } };
    };
  };
}>;

type RelationRow = {
  id: string;
  account_id: string;
  account_handle: string;
  account_platform: InboxItem["account"]["platform"];
  unit_name: string;
  unit_time_zone: string;
  post_id: string | null;
  post_title: string | null;
  post_base_text: string | null;
  assignee_name: string | null;
  has_disposition: boolean;
  deadline_at: Date | null;
  answered_at: Date | null;
  escalated_at: Date | null;
  to_unit_name: string | null;
};

/**
 * The page's items with what each shows beside it (account, unit, post, latest disposition and its function,
 * assignee), in one statement for the whole page. Prisma would load each of these relations as a statement
 * of its own, seven round trips that took about three quarters of a page's time under load (bench:inbox,
 * third pass); the result has the same shape and values.
 */
async function withRelations(rows: PageRow[]): Promise<InboxItem[]> {
  if (!rows.length) return [];
  const found = await db.$queryRaw<RelationRow[]>`
    select i.id::text as id, a.id::text as account_id, a.handle as account_handle, a.platform::text as account_platform,
      u.name as unit_name, u.time_zone as unit_time_zone,
      p.id::text as post_id, p.title as post_title, p.base_text as post_base_text,
      us.name as assignee_name,
      (d.deadline_at is not null) as has_disposition, d.deadline_at, d.answered_at, d.escalated_at, tu.name as to_unit_name
    from interactions i
    join social_accounts a on a.id = i.account_id
    join units u on u.id = i.unit_id
    left join post_targets t on t.id = i.target_id
    left join posts p on p.id = t.post_id
    left join users us on us.id = i.assignee_id
    left join lateral (
      select x.deadline_at, x.answered_at, x.escalated_at, x.to_unit_id from dispositions x
      where x.interaction_id = i.id order by x.created_at desc, x.id desc limit 1
    ) d on true
    left join units tu on tu.id = d.to_unit_id
    where i.id = any(${rows.map((r) => r.id)}::uuid[])`;
  const byId = new Map(found.map((f) => [f.id, f]));
  return rows.map((row) => {
    const r = byId.get(row.id)!;
    return {
      ...row,
      assignee: r.assignee_name === null ? null : { name: r.assignee_name },
      account: { id: r.account_id, handle: r.account_handle, platform: r.account_platform },
      unit: { name: r.unit_name, timeZone: r.unit_time_zone },
      target: r.post_id === null ? null : { post: { id: r.post_id, title: r.post_title, baseText: r.post_base_text! } },
      dispositions: r.has_disposition
        ? [
            {
              deadlineAt: r.deadline_at!,
              answeredAt: r.answered_at,
              escalatedAt: r.escalated_at,
              toUnit: { name: r.to_unit_name! },
            },
          ]
        : [],
    };
  });
}

/**
 * The inbox of the subtrees where the actor is Humas: newest or oldest first, filtered, one page at a time by
 * keyset (the last item's time and id), so a page costs the same on the thousandth page as on the first and
 * never loads the rest. A fixed number of statements whatever the page holds.
 */
export async function listInbox(actor: Actor, raw: unknown) {
  if (!actorCanAnywhere(actor, "interaction.read")) throw forbidden();
  const q: InboxQuery = inboxQuerySchema.parse(raw);
  const unit = q.unitId ? await loadUnitFor(actor, "interaction.read", q.unitId) : null;
  const now = new Date();
  const desc = q.order === "newest";
  const and: Prisma.InteractionWhereInput[] = [];
  if (unit) {
    // The chosen subtree's units (within the actor's scope) first, by one cheap statement, then the items by
    // their ids: joined to units by path, the planner cannot tell how many items a subtree holds and sorted a
    // Polres's 54,000 items for a page instead of walking the page order (bench:inbox, decision 0011).
    const units = await db.unit.findMany({
      where: { AND: [unitScope(actor, "interaction.read"), { path: { startsWith: unit.path } }] },
      select: { id: true },
    });
    and.push({ unitId: { in: units.map((u) => u.id) } });
  } else and.push(interactionWhere(actor, "interaction.read"));
  if (q.accountId) and.push({ accountId: q.accountId });
  if (q.platform) and.push({ platform: q.platform });
  if (q.category) and.push({ category: q.category === "NONE" ? null : q.category });
  // An unanswered disposition past its deadline: the item carries its open dispositions' earliest deadline
  // (a trigger keeps it), so overdue items are found in page order among the open ones alone.
  if (q.state === "OVERDUE") and.push({ openDeadlineAt: { lt: now } });
  else if (q.state) and.push({ state: q.state });
  if (q.functionId) and.push({ dispositions: { some: { toUnitId: q.functionId } } });
  if (q.q)
    and.push({
      OR: [
        { text: { contains: q.q, mode: "insensitive" } },
        { authorHandle: { contains: q.q, mode: "insensitive" } },
        { authorName: { contains: q.q, mode: "insensitive" } },
      ],
    });
  if (q.after) {
    const c = parseCursor(q.after);
    const op = desc ? "lt" : "gt";
    // The first condition says the same as the second but in a form the (received_at, id) index can start at:
    // without it a page a million items down read the million newer rows first (bench:inbox).
    and.push({ receivedAt: { [desc ? "lte" : "gte"]: c.at } });
    and.push({ OR: [{ receivedAt: { [op]: c.at } }, { receivedAt: c.at, id: { [op]: c.id } }] });
  }
  const rows = await db.interaction.findMany({
    where: { AND: and },
    orderBy: [{ receivedAt: desc ? "desc" : "asc" }, { id: desc ? "desc" : "asc" }],
    take: INBOX_PAGE_SIZE + 1,
    select: pageSelect,
  });
  const items = await withRelations(rows.slice(0, INBOX_PAGE_SIZE));
  const last = items.at(-1);
  return {
    query: q,
    unitPath: unit?.path ?? null,
    items,
    next: rows.length > INBOX_PAGE_SIZE && last ? cursorOf(last.receivedAt, last.id) : null,
  };
}

/**
 * What the inbox's filters offer within the chosen subtree (or all of the actor's): units, accounts, function
 * units; and the accounts whose platform gives no API to read the public, named as such in the inbox.
 */
export async function loadInboxOptions(actor: Actor, unitPath: string | null) {
  const inScope: Prisma.UnitWhereInput = {
    AND: [unitScope(actor, "interaction.read"), unitPath ? { path: { startsWith: unitPath } } : {}],
  };
  const [units, accountRows, functions] = await Promise.all([
    db.unit.findMany({
      where: { AND: [unitScope(actor, "interaction.read"), { kind: { not: FUNCTION_UNIT_KIND } }] },
      select: { id: true, name: true, parentId: true },
      take: 1_000,
    }),
    db.socialAccount.findMany({
      where: { unit: inScope, status: { not: "DISABLED" } },
      select: {
        id: true,
        handle: true,
        platform: true,
        status: true,
        unit: { select: { name: true } },
        webhookSecretEnc: true,
        webhooksSubscribedAt: true,
      },
      orderBy: [{ platform: "asc" }, { handle: "asc" }],
      take: 500,
    }),
    db.unit.findMany({
      where: { AND: [inScope, { kind: FUNCTION_UNIT_KIND }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  // A LINE channel whose own secret is kept receives its messages whatever the installation's secret; the sealed
  // secret itself goes no further than this function (the options reach the browser).
  const ownSecret = new Set(accountRows.filter((a) => a.webhookSecretEnc).map((a) => a.id));
  const subscribed = new Set(accountRows.filter((a) => a.webhooksSubscribedAt).map((a) => a.id));
  const accounts = accountRows.map(({ webhookSecretEnc: _sealed, webhooksSubscribedAt: _at, ...a }) => a);
  const readable = accounts.filter((a) => readsThePublic[a.platform]);
  // How each readable platform's items arrive here, and the accounts nothing is read from until reconnected.
  const e = env();
  const webhooks = { line: e.LINE_CHANNEL_SECRET.length > 0, meta: e.META_APP_SECRET.length > 0 };
  const arrivals = new Map<string, { platform: string; arrival: Arrival; count: number }>();
  for (const a of readable) {
    const arrival = arrivalOf(a.platform, {
      ...webhooks,
      lineOwnSecret: ownSecret.has(a.id),
      metaSubscribed: subscribed.has(a.id),
    });
    if (!arrival) continue;
    const key = `${a.platform} ${arrival}`;
    const seen = arrivals.get(key) ?? { platform: a.platform, arrival, count: 0 };
    seen.count += 1;
    arrivals.set(key, seen);
  }
  return {
    units: flattenTree(buildTree(units)),
    accounts: readable,
    unreadable: accounts.filter((a) => !readsThePublic[a.platform]),
    arrivals: [...arrivals.values()],
    reconnect: readable.filter((a) => a.status === "NEEDS_RECONNECT"),
    functions,
  };
}

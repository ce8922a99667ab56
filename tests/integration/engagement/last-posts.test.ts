import { beforeAll, describe, expect, it } from "vitest";
import type { SocialAccount, User } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { syncOutcomes } from "@/server/engagement/record-outcome";
import { rebuildRollups } from "@/server/engagement/rollup-backfill";
import { account, at, createTree, target } from "./world";

// Each account's last day with a published post (account_last_posts, decision 0012) is what the dashboard's
// dormant figure reads instead of scanning 14 days of every account. Kept by triggers as outcomes are counted;
// at every step it must equal the raw rows: the latest local day of the account's published targets.

let author: User;
let accounts: SocialAccount[];

beforeAll(async () => {
  const t = await createTree(2, "Polres Terakhir");
  author = t.author;
  accounts = [
    await account(t.children[0]!, "X"),
    await account(t.children[0]!, "INSTAGRAM"),
    await account(t.children[1]!, "FACEBOOK_PAGE"),
  ];
});

type Line = { account: string; day: number };
const ids = () => accounts.map((a) => a.id);

async function stored(): Promise<Line[]> {
  return db.$queryRaw<Line[]>`
    select account_id::text as account, day from account_last_posts where account_id = any(${ids()}::uuid[]) order by 1`;
}

/** From the raw rows: each account's latest published target, on its unit's calendar. */
async function fromRaw(): Promise<Line[]> {
  return db.$queryRaw<Line[]>`
    select t.account_id::text as account, max((t.published_at at time zone u.time_zone)::date - date '1970-01-01') as day
    from post_targets t join social_accounts a on a.id = t.account_id join units u on u.id = a.unit_id
    where t.status = 'PUBLISHED' and t.account_id = any(${ids()}::uuid[])
    group by 1 order by 1`;
}

const sync = (iso: string) => syncOutcomes(db, { now: at(iso), lookbackDays: 30, accountIds: ids() });
const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

describe("each account's last day with a published post", () => {
  it("equals the raw targets as outcomes arrive, a failure is retried, a post is taken back and roll-ups are rebuilt", async () => {
    const [x, ig, fb] = accounts as [SocialAccount, SocialAccount, SocialAccount];
    // Nothing published yet: no row, whatever failed.
    await target(author, fb, { scheduledAt: at("2026-11-10T02:00:00Z"), status: "FAILED" });
    await sync("2026-11-11T00:00:00Z");
    expect(await stored()).toEqual([]);

    const xOld = await target(author, x, { scheduledAt: at("2026-11-12T02:00:00Z") });
    await target(author, x, { scheduledAt: at("2026-11-14T02:00:00Z") });
    await target(author, ig, { scheduledAt: at("2026-11-13T02:00:00Z") });
    // 23:30 UTC is the next day in Jakarta: the unit's calendar, as the roll-ups count it.
    const xLate = await target(author, x, { scheduledAt: at("2026-11-16T23:30:00Z") });
    await sync("2026-11-18T00:00:00Z");
    expect(await stored()).toEqual(await fromRaw());
    expect((await stored()).find((l) => l.account === x.id)?.day).toBe(day("2026-11-17"));

    // The Facebook failure retried and published: the account stops being without a post.
    const fbRetried = await db.postTarget.findFirstOrThrow({ where: { accountId: fb.id }, select: { id: true } });
    await db.postTarget.update({
      where: { id: fbRetried.id },
      data: { status: "PUBLISHED", publishedAt: at("2026-11-15T03:00:00Z"), platformPostId: `r-${fbRetried.id}` },
    });
    await sync("2026-11-18T01:00:00Z");
    expect(await stored()).toEqual(await fromRaw());
    expect((await stored()).map((l) => l.account).sort()).toEqual(ids().sort());

    // The latest X post counted as failed after all (and the oldest too): the last day goes back to the 14th.
    for (const t of [xLate, xOld])
      await db.postTarget.update({ where: { id: t.id }, data: { status: "FAILED", publishedAt: null } });
    await sync("2026-11-18T02:00:00Z");
    expect(await stored()).toEqual(await fromRaw());
    expect((await stored()).find((l) => l.account === x.id)?.day).toBe(day("2026-11-14"));

    // A rebuild of these accounts' roll-ups deletes and rewrites their days through the same triggers.
    const before = await stored();
    await db.$transaction((tx) => rebuildRollups(tx, { accountIds: ids() }));
    expect(await stored()).toEqual(before);

    // A day's rows removed outright (any code path): the account whose only post it was has no row again.
    await db.$executeRaw`delete from account_daily_stats where account_id = ${ig.id}::uuid`;
    expect((await stored()).map((l) => l.account)).not.toContain(ig.id);
  });

  it("keeps out of the way of readings: a day's interactions changing leaves it as it is", async () => {
    const [x] = accounts as [SocialAccount];
    const before = await stored();
    await db.$executeRaw`update account_daily_stats set interactions = interactions + 5 where account_id = ${x.id}::uuid`;
    expect(await stored()).toEqual(before);
  });
});

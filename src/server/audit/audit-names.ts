import "server-only";
import { auditIds, type AuditEntryInput, type AuditNames } from "@/lib/audit-sentence";
import { db } from "@/server/db";

/**
 * The names of the users, units, accounts, posts and targets a page of audit entries refers to: five
 * queries for the whole page, however many entries it holds (never one per entry).
 */
export async function loadAuditNames(entries: readonly AuditEntryInput[]): Promise<AuditNames> {
  const ids = auditIds(entries);
  const list = (s: Set<string>) => [...s];
  const [users, units, accounts, posts, targets] = await Promise.all([
    ids.users.size
      ? db.user.findMany({ where: { id: { in: list(ids.users) } }, select: { id: true, name: true } })
      : [],
    ids.units.size
      ? db.unit.findMany({ where: { id: { in: list(ids.units) } }, select: { id: true, name: true } })
      : [],
    ids.accounts.size
      ? db.socialAccount.findMany({
          where: { id: { in: list(ids.accounts) } },
          select: { id: true, platform: true, handle: true },
        })
      : [],
    ids.posts.size
      ? db.post.findMany({ where: { id: { in: list(ids.posts) } }, select: { id: true, title: true, baseText: true } })
      : [],
    ids.targets.size
      ? db.postTarget.findMany({
          where: { id: { in: list(ids.targets) } },
          select: {
            id: true,
            post: { select: { id: true, title: true, baseText: true } },
            account: { select: { platform: true, handle: true } },
          },
        })
      : [],
  ]);
  const postName = (p: { title: string | null; baseText: string }) => p.title || p.baseText;
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    units: new Map(units.map((u) => [u.id, u.name])),
    accounts: new Map(accounts.map((a) => [a.id, { platform: a.platform, handle: a.handle }])),
    posts: new Map(posts.map((p) => [p.id, postName(p)])),
    targets: new Map(targets.map((t) => [t.id, { post: postName(t.post), postId: t.post.id, account: t.account }])),
  };
}

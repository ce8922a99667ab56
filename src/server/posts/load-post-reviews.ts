import "server-only";
import {
  buildPostReview,
  reviewBaseVersion,
  type PostReview,
  type ReviewTarget,
  type ReviewVersion,
} from "@/lib/post-review";
import type { MediaView } from "@/schemas/media";
import { db } from "@/server/db";
import { toMediaView } from "@/server/media/save-upload";

export type LoadedReview = { review: PostReview; media: MediaView[]; removedMediaNames: string[] };

type RevisionTarget = { accountId: string; textOverride: string | null; scheduledAt: string | null };

/**
 * The review of each post for one reader (src/lib/post-review.ts): what goes out now, against the version
 * the reader saw before. The caller has checked that the reader may read these posts. Targets are the
 * post's live ones (not cancelled), as the revisions record them.
 */
export async function loadPostReviews(userId: string, postIds: string[]): Promise<Map<string, LoadedReview>> {
  if (postIds.length === 0) return new Map();
  const posts = await db.post.findMany({
    where: { id: { in: postIds } },
    select: {
      id: true,
      version: true,
      baseText: true,
      title: true,
      media: { orderBy: { position: "asc" }, include: { variants: true } },
      targets: {
        where: { status: { not: "CANCELLED" } },
        orderBy: [{ account: { platform: "asc" } }, { account: { handle: "asc" } }],
        select: { accountId: true, textOverride: true, scheduledAt: true, account: accountSelect },
      },
      views: { where: { userId }, select: { seenVersion: true, priorVersion: true } },
    },
  });
  const wanted = posts.flatMap((p) => {
    const base = reviewBaseVersion(p.views[0] ?? null, p.version);
    return base === null ? [] : [{ postId: p.id, version: base }];
  });
  const revisions = wanted.length
    ? await db.postRevision.findMany({
        where: { OR: wanted },
        select: { postId: true, version: true, baseText: true, title: true, targets: true, mediaIds: true },
      })
    : [];
  const revisionTargets = new Map(revisions.map((r) => [r.postId, r.targets as RevisionTarget[]]));
  // Accounts and media that only the base version had: named, not shown as ids.
  const knownAccounts = new Set(posts.flatMap((p) => p.targets.map((t) => t.accountId)));
  const otherAccountIds = [...revisionTargets.values()].flat().map((t) => t.accountId);
  const otherAccounts = await db.socialAccount.findMany({
    where: { id: { in: [...new Set(otherAccountIds.filter((id) => !knownAccounts.has(id)))] } },
    select: { id: true, ...accountSelect.select },
  });
  const removedMedia = await db.media.findMany({
    where: { id: { in: [...new Set(revisions.flatMap((r) => r.mediaIds))] } },
    select: { id: true, fileName: true },
  });
  const accountById = new Map<string, AccountRow>([
    ...otherAccounts.map((a) => [a.id, a] as const),
    ...posts.flatMap((p) => p.targets.map((t) => [t.accountId, t.account] as const)),
  ]);

  const out = new Map<string, LoadedReview>();
  for (const post of posts) {
    const current: ReviewVersion = {
      version: post.version,
      baseText: post.baseText,
      title: post.title,
      mediaIds: post.media.map((m) => m.id),
      targets: post.targets.map((t) => toTarget(t.accountId, t.textOverride, t.scheduledAt, t.account)),
    };
    const revision = revisions.find((r) => r.postId === post.id);
    const base: ReviewVersion | null = revision
      ? {
          version: revision.version,
          baseText: revision.baseText,
          title: revision.title,
          mediaIds: revision.mediaIds,
          targets: (revision.targets as RevisionTarget[]).flatMap((t) => {
            const account = accountById.get(t.accountId);
            return account
              ? [toTarget(t.accountId, t.textOverride, t.scheduledAt ? new Date(t.scheduledAt) : null, account)]
              : [];
          }),
        }
      : null;
    const review = buildPostReview(current, base);
    out.set(post.id, {
      review,
      media: post.media.map(toMediaView),
      removedMediaNames: review.mediaRemoved.map((id) => removedMedia.find((m) => m.id === id)?.fileName ?? "—"),
    });
  }
  return out;
}

const accountSelect = {
  select: { platform: true, handle: true, displayName: true, unit: { select: { name: true, timeZone: true } } },
} as const;
type AccountRow = {
  platform: ReviewTarget["platform"];
  handle: string;
  displayName: string;
  unit: { name: string; timeZone: string };
};

function toTarget(
  accountId: string,
  textOverride: string | null,
  scheduledAt: Date | null,
  account: AccountRow,
): ReviewTarget {
  return {
    accountId,
    platform: account.platform,
    handle: account.handle,
    displayName: account.displayName,
    unitName: account.unit.name,
    timeZone: account.unit.timeZone,
    textOverride,
    scheduledAt,
  };
}

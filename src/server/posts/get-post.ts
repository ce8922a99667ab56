import "server-only";
import { actorCan, assertCan, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { toMediaView } from "@/server/media/save-upload";

/** Everything the post page shows; account credentials are never selected. */
export async function getPost(actor: Actor, postId: string) {
  const post = await db.post.findUnique({
    where: { id: postId },
    include: {
      author: { select: { id: true, name: true } },
      unit: { select: { id: true, name: true, path: true, timeZone: true } },
      media: { orderBy: { position: "asc" } },
      targets: {
        orderBy: [{ account: { platform: "asc" } }, { account: { handle: "asc" } }],
        select: {
          id: true,
          status: true,
          scheduledAt: true,
          publishedAt: true,
          attempts: true,
          lastError: true,
          lastErrorKind: true,
          platformPostId: true,
          platformUrl: true,
          textOverride: true,
          updatedAt: true,
          metrics: {
            select: {
              views: true,
              likes: true,
              comments: true,
              shares: true,
              saves: true,
              clicks: true,
              interactions: true,
              readings: true,
              lastReadAt: true,
            },
          },
          account: {
            select: {
              id: true,
              platform: true,
              handle: true,
              displayName: true,
              status: true,
              unit: { select: { id: true, name: true, path: true, timeZone: true } },
            },
          },
        },
      },
      decisions: { orderBy: { createdAt: "asc" }, include: { decider: { select: { name: true } } } },
      revisions: { orderBy: { version: "asc" }, include: { editor: { select: { name: true } } } },
    },
  });
  if (!post) throw notFound();
  assertCan(actor, "post.read", post.unit);
  const targetIds = post.targets.map((t) => t.id);
  const history = await db.auditLog.findMany({
    where: {
      OR: [
        { entityType: "Post", entityId: post.id },
        { entityType: "PostTarget", entityId: { in: targetIds } },
      ],
    },
    orderBy: { createdAt: "asc" },
    include: { actor: { select: { name: true } } },
    take: 500,
  });
  return {
    ...post,
    media: post.media.map(toMediaView),
    history,
    can: {
      edit: actorCan(actor, "post.compose", post.unit),
      // Four eyes (decision 0009): whoever wrote any version of the post does not approve it.
      approve:
        actorCan(actor, "post.approve", post.unit) &&
        post.authorId !== actor.id &&
        !post.revisions.some((r) => r.editorId === actor.id),
      cancel: actorCan(actor, "post.cancel", post.unit),
    },
  };
}

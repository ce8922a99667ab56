import "server-only";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

/** The unit a post belongs to: every decision about a post or its targets is made on this unit. */
export async function loadPostUnit(postId: string) {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, authorId: true, unit: { select: { id: true, path: true } } },
  });
  if (!post) throw notFound();
  return post;
}

export async function loadTargetUnit(targetId: string) {
  const target = await db.postTarget.findUnique({
    where: { id: targetId },
    select: {
      id: true,
      status: true,
      post: { select: { id: true, authorId: true, unit: { select: { id: true, path: true } } } },
    },
  });
  if (!target) throw notFound();
  return target;
}

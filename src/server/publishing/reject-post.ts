import "server-only";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { transitionTargets } from "@/server/publishing/transition-targets";

// A supervisor sends a post back with a comment: its waiting targets become CHANGES_REQUESTED.

export type RejectPostInput = { postId: string; actorId: string; comment: string };

export async function rejectPost(input: RejectPostInput): Promise<{ returned: number }> {
  return db.$transaction(async (tx) => {
    // Held until commit, as approval holds it: a rejection and an approval of the same post go one after
    // the other, and the second sees what the first decided.
    await tx.$queryRaw`SELECT 1 FROM posts WHERE id = ${input.postId}::uuid FOR UPDATE`;
    const post = await tx.post.findUnique({
      where: { id: input.postId },
      select: {
        id: true,
        authorId: true,
        version: true,
        approvedVersion: true,
        unit: { select: { id: true, path: true } },
        targets: { where: { status: "PENDING_APPROVAL" }, select: { id: true } },
      },
    });
    if (!post) throw notFound();
    if (post.authorId === input.actorId) throw new AppError("FORBIDDEN", "approverIsAuthor");
    if (post.targets.length === 0) throw new AppError("CONFLICT", "nothingToApprove");
    // Approved at this version, its targets not all scheduled yet (a broadcast's fan-out is under way):
    // the decision is taken; the post changes only through an edit, which needs a new approval.
    if (post.approvedVersion === post.version)
      throw new AppError("CONFLICT", "postAlreadyApproved", {}, { version: post.version });
    await tx.approvalDecision.create({
      data: {
        id: randomUUID(),
        postId: post.id,
        deciderId: input.actorId,
        outcome: "REJECTED",
        comment: input.comment,
        postVersion: post.version,
      },
    });
    const moved = await transitionTargets(tx, {
      targetIds: post.targets.map((t) => t.id),
      to: "CHANGES_REQUESTED",
      actorId: input.actorId,
      note: input.comment,
    });
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "post.rejected",
      entityType: "Post",
      entityId: post.id,
      unit: post.unit,
      after: { version: post.version, comment: input.comment },
    });
    return { returned: moved.length };
  });
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { Platform } from "@/generated/prisma/enums";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { afterCommit } from "@/server/publishing/engine-queue";
import { DIRECT_ENQUEUE_MAX } from "@/server/publishing/fan-out";
import { enqueuePublishJobs, scheduleTargetsInTx } from "@/server/publishing/schedule-targets";

// A supervisor approves a post: every target waiting for approval is scheduled and gets its job.
// The caller has checked "post.approve" on the post's unit (guards); the four-eyes rule lives here
// (docs/decisions/0009-trust.md): the approver wrote no version of the post, neither as its author nor
// as an editor, approves the version they saw, and the approval names it (posts.approved_version);
// the claim publishes only while the post is still at that version.

export type ApprovePostInput = {
  postId: string;
  actorId: string;
  /** The version the approver saw; a request from a person always names it (decide-post.ts). */
  version?: number;
  comment?: string | null;
};

/** How late an approval may be for the time the author chose before a new time is needed. */
const PAST_GRACE_MS = 60_000;

export async function approvePost(input: ApprovePostInput): Promise<{ scheduled: number }> {
  const { jobs, version } = await db.$transaction(
    async (tx) => {
      // The post's row is held until commit: an edit saved meanwhile waits, then finds its targets
      // scheduled and sends them back for approval (save-post.ts), and this approval sees no half-edit.
      await tx.$queryRaw`SELECT 1 FROM posts WHERE id = ${input.postId}::uuid FOR UPDATE`;
      const post = await tx.post.findUnique({
        where: { id: input.postId },
        select: { id: true, authorId: true, version: true, unit: { select: { id: true, path: true } } },
      });
      if (!post) throw notFound();
      if (post.authorId === input.actorId) throw new AppError("FORBIDDEN", "approverIsAuthor");
      const edited = await tx.postRevision.findFirst({
        where: { postId: post.id, editorId: input.actorId },
        select: { version: true },
      });
      if (edited) throw new AppError("FORBIDDEN", "approverIsEditor");
      if (input.version !== undefined && input.version !== post.version)
        throw new AppError("CONFLICT", "postChangedSinceSeen", {}, { version: post.version });
      // One plain query for up to a thousand targets and their platforms (the nested ORM read costs
      // several times more, and approval is on the way from a click to the first post going out).
      const targets = await tx.$queryRaw<
        { id: string; scheduledAt: Date | null; accountId: string; platform: Platform; verified: boolean }[]
      >`
      SELECT t.id::text AS id, t.scheduled_at AS "scheduledAt", t.account_id::text AS "accountId", a.platform::text AS platform,
             a.verification = 'VERIFIED' AS verified
      FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
      WHERE t.post_id = ${post.id}::uuid AND t.status = 'PENDING_APPROVAL'`;
      if (targets.length === 0) throw new AppError("CONFLICT", "nothingToApprove");
      const late = targets.filter((t) => t.scheduledAt && t.scheduledAt.getTime() < Date.now() - PAST_GRACE_MS);
      if (late.length > 0) throw new AppError("VALIDATION", "scheduleInPast", {}, { count: late.length });
      // An account whose verification was withdrawn after the draft was written (moved to another unit,
      // its profile link changed) is not published to: the author takes it out or HQ verifies it again.
      const unverified = targets.filter((t) => !t.verified).length;
      if (unverified > 0) throw new AppError("VALIDATION", "verification.targetsUnverified", {}, { count: unverified });
      await tx.approvalDecision.create({
        data: {
          id: randomUUID(),
          postId: post.id,
          deciderId: input.actorId,
          outcome: "APPROVED",
          comment: input.comment ?? null,
          postVersion: post.version,
        },
      });
      await tx.post.update({ where: { id: post.id }, data: { approvedVersion: post.version } });
      const scheduled = await scheduleTargetsInTx(tx, {
        targetIds: targets.map((t) => t.id),
        actorId: input.actorId,
        from: ["PENDING_APPROVAL"],
      });
      await writeAudit(tx, {
        actorId: input.actorId,
        action: "post.approved",
        entityType: "Post",
        entityId: post.id,
        unit: post.unit,
        after: { version: post.version, targets: scheduled.length, comment: input.comment ?? null },
      });
      // The jobs come from the rows read above (account and platform do not change with the status),
      // so the enqueue needs no second read of 1,000 targets. A target without a time goes now.
      const moved = new Set(scheduled);
      const jobs = targets
        .filter((t) => moved.has(t.id))
        .map((t) => ({
          targetId: t.id,
          accountId: t.accountId,
          platform: t.platform,
          runAt: t.scheduledAt ?? new Date(),
        }));
      return { jobs, version: post.version };
    },
    { timeout: 60_000 },
  );
  // A broadcast's thousands of jobs are written by the worker (fan-out.ts); the reconciler restores any
  // SCHEDULED target left without a job either way.
  if (jobs.length > DIRECT_ENQUEUE_MAX) await afterCommit("fan out", (p) => p.enqueueFanOut(input.postId, version));
  else await enqueuePublishJobs(jobs);
  return { scheduled: jobs.length };
}

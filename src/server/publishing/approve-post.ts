import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Platform } from "@/generated/prisma/enums";
import type { PublishJob } from "@/jobs/producer";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { afterCommit } from "@/server/publishing/engine-queue";
import { DIRECT_ENQUEUE_MAX } from "@/server/publishing/fan-out";
import { enqueuePublishJobs, scheduleChanges } from "@/server/publishing/schedule-targets";
import { transitionTargetsSelect } from "@/server/publishing/transition-targets";

// A supervisor approves a post: every target waiting for approval is scheduled and gets its job (a
// broadcast's by the worker's fan-out, after the approval has returned).
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
  const { jobs, scheduled, version } = await db.$transaction(
    async (tx) => {
      // The post's row is held until commit: an edit saved meanwhile waits, then finds its targets
      // scheduled and sends them back for approval (save-post.ts), and this approval sees no half-edit.
      await tx.$queryRaw`SELECT 1 FROM posts WHERE id = ${input.postId}::uuid FOR UPDATE`;
      const post = await tx.post.findUnique({
        where: { id: input.postId },
        select: {
          id: true,
          authorId: true,
          version: true,
          approvedVersion: true,
          unit: { select: { id: true, path: true } },
        },
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
      // The targets are checked in the database, counted rather than read: a broadcast's 5,000 rows are
      // not carried into the app and back (decision 0012, fifth pass).
      const [check] = await tx.$queryRaw<{ n: number; late: number; unverified: number }[]>`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE t.scheduled_at < ${new Date(Date.now() - PAST_GRACE_MS)})::int AS late,
             count(*) FILTER (WHERE a.verification IS DISTINCT FROM 'VERIFIED')::int AS unverified
      FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
      WHERE t.post_id = ${post.id}::uuid AND t.status = 'PENDING_APPROVAL'`;
      if (!check || check.n === 0) throw new AppError("CONFLICT", "nothingToApprove");
      // Approved at this version and still waiting: a broadcast whose fan-out has not moved every target
      // yet. A second approval (two supervisors at once, a resent form) would add nothing but a decision.
      if (post.approvedVersion === post.version)
        throw new AppError("CONFLICT", "postAlreadyApproved", {}, { version: post.version });
      if (check.late > 0) throw new AppError("VALIDATION", "scheduleInPast", {}, { count: check.late });
      // An account whose verification was withdrawn after the draft was written (moved to another unit,
      // its profile link changed) is not published to: the author takes it out or HQ verifies it again.
      if (check.unverified > 0)
        throw new AppError("VALIDATION", "verification.targetsUnverified", {}, { count: check.unverified });
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
      // A small post's targets move here, in one statement, and get back what their jobs need. A
      // broadcast's stay PENDING_APPROVAL: the approval writes only the decision, the approved version and
      // its own audit entry, and the fan-out job moves the targets to SCHEDULED (as this approver, in
      // chunks, with their audit rows) and enqueues them (fan-out.ts; decision 0012, sixth pass). The post
      // is "approved, not yet fanned out" meanwhile: approved_version = version with targets still waiting.
      const direct = check.n <= DIRECT_ENQUEUE_MAX;
      const jobs: PublishJob[] = direct
        ? (
            await transitionTargetsSelect<{ id: string; accountId: string; scheduledAt: Date; platform: Platform }>(
              tx,
              {
                targetIds: [],
                ofPost: post.id,
                to: "SCHEDULED",
                from: ["PENDING_APPROVAL"],
                actorId: input.actorId,
                changes: scheduleChanges(),
              },
              Prisma.sql`SELECT moved.id::text AS id, moved.account_id::text AS "accountId",
                                moved.scheduled_at AS "scheduledAt", a.platform::text AS platform
                         FROM moved JOIN social_accounts a ON a.id = moved.account_id`,
            )
          ).map((t) => ({ targetId: t.id, accountId: t.accountId, platform: t.platform, runAt: t.scheduledAt }))
        : [];
      const scheduled = direct ? jobs.length : check.n;
      await writeAudit(tx, {
        actorId: input.actorId,
        action: "post.approved",
        entityType: "Post",
        entityId: post.id,
        unit: post.unit,
        after: { version: post.version, targets: scheduled, comment: input.comment ?? null },
      });
      return { jobs, scheduled, version: post.version };
    },
    { timeout: 60_000 },
  );
  // A broadcast's targets are scheduled and enqueued by the worker (fan-out.ts); the reconciler adds the
  // fan-out again if this enqueue is lost, and restores any SCHEDULED target left without a job.
  if (scheduled > DIRECT_ENQUEUE_MAX) await afterCommit("fan out", (p) => p.enqueueFanOut(input.postId, version));
  else await enqueuePublishJobs(jobs);
  return { scheduled };
}

import type { TargetStatus } from "@/generated/prisma/enums";

/**
 * Every action the audit log records. `writeAudit` takes only these, and each has a sentence in both
 * languages (`audit.sentence.*`; tests/unit/audit-sentences.test.ts fails for one without).
 * docs/decisions/0010-the-desk-on-phones.md, "An audit log people can read".
 */
export const auditActions = [
  "setup.unit",
  "setup.superadmin",
  "unit.create",
  "unit.update",
  "unit.move",
  "unit.import",
  "account.create",
  "account.update",
  "account.disable",
  "account.enable",
  "account.connect",
  "account.assignAdmins",
  "account.needsReconnect",
  "account.tokenRefreshed",
  "account.import",
  "account.verify",
  "account.reject",
  "user.create",
  "user.disable",
  "user.enable",
  "user.resetPassword",
  "membership.add",
  "membership.remove",
  "post.created",
  "post.updated",
  "post.approved",
  "post.rejected",
  "target.rescheduled",
  "target.draft",
  "target.pending_approval",
  "target.changes_requested",
  "target.scheduled",
  "target.publishing",
  "target.published",
  "target.failed",
  "target.unconfirmed",
  "target.cancelled",
  "target.paused",
  "target.postIdReceived",
  "target.postIdMissing",
  "publishing.paused",
  "publishing.resumed",
  "weights.update",
  "interaction.triage",
  "interaction.assign",
  "interaction.close",
  "interaction.forward",
  "disposition.answer",
  "disposition.clarify",
  "disposition.clarificationReply",
  "disposition.escalate",
  "settings.dispositionDeadlines",
  "reply.requested",
  "reply.approved",
  "reply.rejected",
  "reply.sent",
  "reply.failed",
  "reply.unconfirmed",
  "reply.resolved",
  "settings.replyApproval",
  "settings.interactionRetention",
  "interaction.export",
  "interaction.anonymise",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** The action a target's move to a status is recorded as (transition-targets.ts writes it in SQL). */
export function targetAction(status: TargetStatus): AuditAction {
  return `target.${status.toLowerCase() as Lowercase<TargetStatus>}`;
}

import type { TargetStatus } from "@/generated/prisma/enums";

// The target life cycle of docs/product.md, plus the moves retrying needs:
//  PUBLISHING → SCHEDULED   the platform said "later" (rate limit, 5xx, refreshed token): try again at a set time
//  FAILED → SCHEDULED       a person retries
//  UNCONFIRMED → PUBLISHED  the platform (or a person) confirmed it went out
//  UNCONFIRMED → SCHEDULED  checked, and it certainly did not go out
//  UNCONFIRMED → FAILED     a person gives up on it
//  SCHEDULED/PAUSED → PENDING_APPROVAL  an approved post was edited
//  PAUSED → CANCELLED       cancelling during a crisis pause
export const allowedTransitions: Readonly<Record<TargetStatus, readonly TargetStatus[]>> = Object.freeze({
  DRAFT: ["PENDING_APPROVAL", "CANCELLED"],
  PENDING_APPROVAL: ["SCHEDULED", "CHANGES_REQUESTED", "DRAFT", "CANCELLED"],
  CHANGES_REQUESTED: ["PENDING_APPROVAL", "DRAFT", "CANCELLED"],
  SCHEDULED: ["PUBLISHING", "CANCELLED", "PAUSED", "PENDING_APPROVAL"],
  PAUSED: ["SCHEDULED", "CANCELLED", "PENDING_APPROVAL"],
  PUBLISHING: ["PUBLISHED", "FAILED", "UNCONFIRMED", "SCHEDULED"],
  UNCONFIRMED: ["PUBLISHED", "SCHEDULED", "FAILED"],
  FAILED: ["SCHEDULED", "CANCELLED"],
  PUBLISHED: [],
  CANCELLED: [],
});

export function canTransition(from: TargetStatus, to: TargetStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Every status a target may come from to reach `to`. */
export function sourcesOf(to: TargetStatus): TargetStatus[] {
  return (Object.keys(allowedTransitions) as TargetStatus[]).filter((from) => canTransition(from, to));
}

import { TargetStatus } from "@/generated/prisma/enums";

/** Every target status, in the order of the schema's enum (the filters list them so). */
export const targetStatuses = Object.values(TargetStatus);

// The life cycle of a post's target, in one place: which status may follow which, and the sets of
// statuses the desk acts on. Everything else (use-cases, pages, the calendar) asks here.
// The life cycle is described in docs/product.md ("Approval workflow"); beside it, the moves retrying needs:
//  PUBLISHING → SCHEDULED   the platform said "later" (rate limit, 5xx, refreshed token): try again at a set time
//  FAILED → SCHEDULED       a person retries
//  UNCONFIRMED → PUBLISHED  the platform (or a person) confirmed it went out
//  UNCONFIRMED → SCHEDULED  checked, and it certainly did not go out
//  UNCONFIRMED → FAILED     a person gives up on it
//  SCHEDULED/PAUSED → PENDING_APPROVAL  an approved post was edited
//  PAUSED → CANCELLED       cancelling during a crisis pause
//  SCHEDULED → FAILED       it waited for its account's reconnect until 24 h past its time (decision 0008)
export const allowedTransitions: Readonly<Record<TargetStatus, readonly TargetStatus[]>> = Object.freeze({
  DRAFT: ["PENDING_APPROVAL", "CANCELLED"],
  PENDING_APPROVAL: ["SCHEDULED", "CHANGES_REQUESTED", "DRAFT", "CANCELLED"],
  CHANGES_REQUESTED: ["PENDING_APPROVAL", "DRAFT", "CANCELLED"],
  SCHEDULED: ["PUBLISHING", "CANCELLED", "PAUSED", "PENDING_APPROVAL", "FAILED"],
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

/** A target whose text, media or time a person may still change (not yet handed to the worker, or cancelled). */
export const EDITABLE_STATUSES = [
  "DRAFT",
  "PENDING_APPROVAL",
  "CHANGES_REQUESTED",
  "SCHEDULED",
  "PAUSED",
  "CANCELLED",
] as const satisfies readonly TargetStatus[];

/** A target that may be moved to another time (the calendar's drag, the reschedule control). */
export const MOVABLE_STATUSES = [
  "DRAFT",
  "PENDING_APPROVAL",
  "CHANGES_REQUESTED",
  "SCHEDULED",
  "PAUSED",
] as const satisfies readonly TargetStatus[];

/** A target that went wrong and waits for a person: retry, confirm or give up. */
export const ATTENTION_STATUSES = ["FAILED", "UNCONFIRMED"] as const satisfies readonly TargetStatus[];

/** A target that is approved and waits for its time (or for a pause to end); it can still be cancelled. */
export const WAITING_STATUSES = ["SCHEDULED", "PAUSED"] as const satisfies readonly TargetStatus[];

/** Whether `status` is one of `set`, narrowing its type. */
export function isIn<S extends TargetStatus>(set: readonly S[], status: TargetStatus): status is S {
  return (set as readonly TargetStatus[]).includes(status);
}

/**
 * A target that may change without the reader doing anything (the worker publishes it, a supervisor
 * decides, a pause ends): while a page shows one, it refreshes itself (docs/decisions/0010-the-desk-on-phones.md).
 */
export const LIVE_STATUSES = [
  "PENDING_APPROVAL",
  "SCHEDULED",
  "PUBLISHING",
  "UNCONFIRMED",
  "PAUSED",
] as const satisfies readonly TargetStatus[];

import { z } from "zod";
import { TargetStatus } from "@/generated/prisma/enums";
import { platforms } from "@/lib/platforms";
import { text } from "@/schemas/shared";

// Shared by the composer (browser) and the post use-cases (server).
export const targetInputSchema = z.object({
  accountId: z.uuid(),
  textOverride: text().max(63_206).nullable().default(null),
  /** UTC instant; null means "as soon as it is approved" (publish now). */
  scheduledAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const composePostSchema = z.object({
  postId: z.uuid().optional(),
  unitId: z.uuid(),
  baseText: text().max(63_206),
  title: text().trim().max(100).nullable().default(null),
  /** In order; alt text is edited in the composer and saved with the draft. */
  media: z
    .array(z.object({ id: z.uuid(), altText: text().trim().max(1_000).nullable().default(null) }))
    .max(10, "tooManyMedia")
    .default([]),
  targets: z.array(targetInputSchema).min(1, "targetsRequired").max(2_000),
  intent: z.enum(["draft", "submit"]),
});

/** An approval names the version the approver saw (decision 0009): a later edit makes it stale. */
export const approvePostSchema = z.object({
  postId: z.uuid(),
  version: z.number().int().min(1).max(2_147_483_647),
  comment: text()
    .trim()
    .max(2_000)
    .optional()
    .transform((v) => v || null),
});

export const rejectPostSchema = z.object({
  postId: z.uuid(),
  comment: text().trim().min(1, "rejectCommentRequired").max(2_000),
});

/**
 * Moving targets of one post to one time (the calendar's drag and "Pindahkan jadwal"): a chip on the
 * calendar is one post at one time, so its targets move together as one new version.
 */
export const rescheduleTargetSchema = z.object({
  targetIds: z
    .array(z.uuid())
    .min(1)
    .max(2_000)
    .transform((ids) => [...new Set(ids)]),
  scheduledAt: z.iso.datetime({ offset: true }),
});

export const targetIdSchema = z.object({ targetId: z.uuid() });

export const pauseSubtreeSchema = z.object({
  // The form starts with no unit chosen (docs/decisions/0010-the-desk-on-phones.md): "" asks for one.
  unitId: z.uuid("unitRequired"),
  reason: text().trim().min(1, "pauseReasonRequired").max(500),
});

export const saveTargetGroupSchema = z.object({
  unitId: z.uuid(),
  name: text().trim().min(1).max(100),
  accountIds: z.array(z.uuid()).min(1, "targetsRequired").max(2_000),
});

export const postListFilterSchema = z.object({
  unitId: z.uuid().optional(),
  platform: z.enum(platforms).optional(),
  status: z.enum(TargetStatus).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

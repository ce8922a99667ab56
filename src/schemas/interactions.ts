import { z } from "zod";
import { platforms } from "@/lib/platforms";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, interactionCategories, interactionStates } from "@/lib/interactions";
import { optionalId, searchText, text } from "@/schemas/shared";

// Interaksi Warga (issue 16, decision 0011): the inbox's filters and the forms of triage and disposisi.
// Shared by the pages (browser) and the use-cases (server).

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** A keyset cursor: the last item's received time and id ("2026-12-02T07:00:00.000Z_<uuid>"). */
export const inboxCursor = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    "invalidValue",
  );

export const inboxQuerySchema = z.object({
  unitId: optionalId,
  accountId: optionalId,
  platform: z.preprocess(emptyToUndefined, z.enum(platforms).optional()),
  category: z.preprocess(emptyToUndefined, z.enum([...interactionCategories, "NONE"]).optional()),
  state: z.preprocess(emptyToUndefined, z.enum([...interactionStates, "OVERDUE"]).optional()),
  functionId: optionalId,
  q: searchText,
  order: z.preprocess(emptyToUndefined, z.enum(["newest", "oldest"]).default("newest")),
  after: z.preprocess(emptyToUndefined, inboxCursor.optional()),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const interactionIdSchema = z.object({ interactionId: z.uuid() });

export const triageSchema = z.object({
  interactionId: z.uuid(),
  category: z.enum(interactionCategories, "categoryRequired"),
  urgent: z.boolean().default(false),
});

export const assignSchema = z.object({
  interactionId: z.uuid(),
  /** "" takes the assignment away. */
  assigneeId: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullable()),
});

export const forwardSchema = z.object({
  interactionId: z.uuid(),
  toUnitId: z.uuid("functionRequired"),
  /** Left empty, the organisation's default for the item's category applies. */
  deadlineHours: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number("deadlineHoursInvalid")
      .int("deadlineHoursInvalid")
      .min(1, "deadlineHoursInvalid")
      .max(720, "deadlineHoursInvalid")
      .optional(),
  ),
  note: text()
    .trim()
    .max(2_000)
    .optional()
    .transform((v) => v || null),
});

export const answerSchema = z.object({
  dispositionId: z.uuid(),
  answer: text().trim().min(1, "answerRequired").max(5_000),
});

export const clarifySchema = z.object({
  dispositionId: z.uuid(),
  question: text().trim().min(1, "clarificationRequired").max(2_000),
});

export const clarificationReplySchema = z.object({
  dispositionId: z.uuid(),
  reply: text().trim().min(1, "clarificationReplyRequired").max(2_000),
});

export const deadlineSettingsSchema = z.object({
  rootUnitId: z.uuid(),
  hours: z.object(
    Object.fromEntries(
      interactionCategories.map((c) => [
        c,
        z.coerce
          .number("deadlineHoursInvalid")
          .int("deadlineHoursInvalid")
          .min(1, "deadlineHoursInvalid")
          .max(720, "deadlineHoursInvalid"),
      ]),
    ) as Record<(typeof interactionCategories)[number], z.ZodCoercedNumber>,
  ),
});

export const dispositionListSchema = z.object({
  show: z.preprocess(emptyToUndefined, z.enum(["open", "answered", "all"]).default("open")),
  after: z.preprocess(emptyToUndefined, inboxCursor.optional()),
});

// Public replies (decision 0011, "Public replies"). The platform's own length limit is checked on the server
// once the item's platform is known (replyLimit in src/lib/replies.ts); 10,000 is the longest any allows.
export const replySchema = z.object({
  interactionId: z.uuid(),
  text: text().trim().min(1, "replyRequired").max(10_000, "replyTooLong"),
});

export const replyIdSchema = z.object({ replyId: z.uuid() });

export const resolveReplySchema = z.object({
  replyId: z.uuid(),
  /** What the person saw on the platform: the reply is there (sent), or it is not (send it again). */
  outcome: z.enum(["sent", "resend"]),
});

export const replyApprovalSchema = z.object({
  rootUnitId: z.uuid(),
  categories: z.array(z.enum(interactionCategories)).max(interactionCategories.length),
});

/** How long an organisation keeps citizens' items before they are anonymised (decision 0011). */
export const retentionSettingsSchema = z.object({
  rootUnitId: z.uuid(),
  days: z.coerce
    .number("retentionDaysInvalid")
    .int("retentionDaysInvalid")
    .min(MIN_RETENTION_DAYS, "retentionDaysInvalid")
    .max(MAX_RETENTION_DAYS, "retentionDaysInvalid"),
});

/** One citizen's items on request (UU 27/2022): by handle or by the platform's id of the author. */
export const citizenExportSchema = z.object({
  unitId: z.uuid("unitRequired"),
  by: z.enum(["handle", "authorId"], "invalidOption"),
  value: text()
    .trim()
    .transform((v) => v.replace(/^@/, ""))
    .pipe(z.string().min(1, "citizenRequired").max(200, "citizenRequired")),
  platform: z.preprocess(emptyToUndefined, z.enum(platforms, "invalidOption").optional()),
  format: z.enum(["csv", "json"], "invalidOption"),
});

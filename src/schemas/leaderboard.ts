import { z } from "zod";
import { text } from "@/schemas/shared";
import { platforms } from "@/lib/platforms";

// Shared by the leaderboard pages, the dashboard, the CSV export and the weights form.
// Custom messages are keys of the "errors" namespace.

const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "engagement.dateInvalid")
  .refine((v) => !Number.isNaN(Date.parse(v)), "engagement.dateInvalid");
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const DAY_MS = 86_400_000;
export const MAX_CUSTOM_DAYS = 366;

export const periodKinds = ["7", "30", "90", "custom"] as const;

/**
 * Query string of the boards: ?period=7|30|90|custom&from=&to=&platform=&parent=&view=units|accounts&basis=own|all.
 * `basis` says which accounts a unit is judged on: its own (the default) or all accounts in its subtree.
 */
export const boardQuerySchema = z
  .object({
    period: z.preprocess(blankToUndefined, z.enum(periodKinds, "engagement.periodUnknown").default("30")),
    from: z.preprocess(blankToUndefined, isoDate.optional()),
    to: z.preprocess(blankToUndefined, isoDate.optional()),
    platform: z.preprocess(blankToUndefined, z.enum(platforms, "engagement.platformUnknown").optional()),
    parent: z.preprocess(blankToUndefined, z.uuid("invalidId").optional()),
    view: z.preprocess(blankToUndefined, z.enum(["units", "accounts"], "invalidOption").default("units")),
    basis: z.preprocess(blankToUndefined, z.enum(["own", "all"], "invalidOption").optional()),
  })
  .superRefine((q, ctx) => {
    if (q.period !== "custom") return;
    if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "engagement.fromRequired" });
    if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "engagement.toRequired" });
    if (!q.from || !q.to) return;
    const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "engagement.periodOrder" });
    else if (days > MAX_CUSTOM_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "engagement.periodTooLong" });
  });
export type BoardQuery = z.output<typeof boardQuerySchema>;

const weight = z.coerce
  .number("engagement.weightInvalid")
  .int("engagement.weightInvalid")
  .min(0, "engagement.weightInvalid")
  .max(100, "engagement.weightInvalid");
export const weightsSchema = z
  .object({
    activity: weight,
    consistency: weight,
    engagement: weight,
    engagementRate: weight,
    reliability: weight,
    responsiveness: weight,
  })
  .refine(
    (w) => w.activity + w.consistency + w.engagement + w.engagementRate + w.reliability + w.responsiveness === 100,
    {
      message: "engagement.weightsSum",
      path: ["_form"],
    },
  );

import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { ImportFate } from "@/schemas/imports";
import type { FieldMessage } from "@/server/errors";

// What a preview shows and a commit writes: every row of the sheet with its fate (decision 0013).
export type Fate = ImportFate;

export type PlannedRow<D> = {
  line: number;
  cells: Record<string, string>;
  fate: Fate;
  /** One message per bad cell, by column. */
  errors: Record<string, FieldMessage>;
  /** The columns whose value differs from what is stored (for "changed"). */
  changed: string[];
  /** The stored value of each changed column, as the sheet would write it (the preview shows it). */
  previous?: Record<string, string>;
  /** What will be written (absent for errors and unchanged rows). */
  data?: D;
};

export type Plan<D> = { rows: PlannedRow<D>[]; counts: Record<Fate, number>; hash: string };

/** zod's issues for one row as one message per cell; custom messages are message keys (errors namespace). */
export function cellErrors(issues: readonly z.core.$ZodIssue[]): Record<string, FieldMessage> {
  const out: Record<string, FieldMessage> = {};
  for (const issue of issues) {
    const column = String(issue.path[0] ?? "_row");
    if (out[column]) continue;
    if (issue.code === "too_big") out[column] = { key: "tooLong", params: { max: Number(issue.maximum) } };
    else if (issue.code === "invalid_type") out[column] = "required";
    else if (/^[a-zA-Z.]+$/.test(issue.message)) out[column] = issue.message;
    else out[column] = "invalidValue";
  }
  return out;
}

/** Counts and a fingerprint of the whole plan: the commit re-plans and writes only if it gets the same one. */
export function finishPlan<D>(rows: PlannedRow<D>[]): Plan<D> {
  const counts: Record<Fate, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.fate] += 1;
  const hash = createHash("sha256")
    .update(JSON.stringify(rows.map((r) => [r.line, r.fate, r.changed, r.data ?? null, Object.keys(r.errors)])))
    .digest("hex");
  return { rows, counts, hash };
}

/** The fate of a row that passed every check: new, or changed in the listed columns, or unchanged. */
export function settle<D>(
  row: PlannedRow<D>,
  exists: boolean,
  changed: string[],
  data: D,
  stored: Record<string, string> = {},
): void {
  if (Object.keys(row.errors).length) {
    row.fate = "error";
    return;
  }
  row.changed = changed;
  if (changed.length) row.previous = Object.fromEntries(changed.map((c) => [c, stored[c] ?? ""]));
  row.fate = !exists ? "new" : changed.length ? "changed" : "unchanged";
  if (row.fate !== "unchanged") row.data = data;
}

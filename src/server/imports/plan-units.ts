import "server-only";
import { unitRowSchema, zoneLabel, type UnitRow } from "@/schemas/imports";
import { cellErrors, finishPlan, settle, type Plan, type PlannedRow } from "@/server/imports/plan";
import type { SheetRow } from "@/server/imports/read-sheet";

/** A unit the sheet names (by its code or as a parent), as stored. */
export type StoredUnit = {
  id: string;
  code: string;
  name: string;
  kind: string;
  timeZone: string;
  parentCode: string | null;
  path: string;
  depth: number;
};

export type UnitChange = {
  code: string;
  name: string;
  kind: string;
  timeZone: string;
  /** A new unit hangs below a stored unit or below a new one of the same sheet. */
  parentCode: string | null;
};

/**
 * The fate of every row of a units sheet against the stored units (pure: reads nothing, writes nothing).
 * `canManage` is the policy's unit.manage for a unit path. A row matches a stored unit by its code;
 * a parent is a stored unit in the actor's scope or a new unit of the same sheet (decision 0013).
 */
export function planUnits(
  sheet: readonly SheetRow[],
  stored: ReadonlyMap<string, StoredUnit>,
  canManage: (path: string) => boolean,
): Plan<UnitChange> {
  const rows: PlannedRow<UnitChange>[] = sheet.map((r) => ({
    line: r.line,
    cells: r.cells,
    fate: "error",
    errors: {},
    changed: [],
  }));
  const parsed: (UnitRow | undefined)[] = sheet.map((r, i) => {
    const result = unitRowSchema.safeParse(r.cells);
    if (!result.success) rows[i]!.errors = cellErrors(result.error.issues);
    return result.success ? result.data : undefined;
  });

  // The first row with a code is the one that counts; a repeat is an error.
  // A row in error still names its code, so the rows below it learn why they cannot be made.
  const firstWith = new Map<string, number>();
  sheet.forEach((r, i) => {
    const code = parsed[i]?.kode_unit ?? (r.cells.kode_unit ?? "").trim().toUpperCase();
    if (!code) return;
    const first = firstWith.get(code);
    if (first === undefined) firstWith.set(code, i);
    else rows[i]!.errors.kode_unit ??= { key: "imports.cell.duplicateInFile", params: { line: rows[first]!.line } };
  });

  // Checks a row can make on its own and against the stored units.
  const parentRowOf = new Map<number, number>();
  parsed.forEach((d, i) => {
    if (!d) return;
    const errors = rows[i]!.errors;
    const own = stored.get(d.kode_unit);
    const parentCode = d.kode_induk ?? null;
    if (own && !canManage(own.path)) errors.kode_unit = "imports.cell.unitCodeOutside";
    if (parentCode === d.kode_unit) {
      errors.kode_induk = "imports.cell.parentIsSelf";
      return;
    }
    if (own) {
      // Moving a unit rewrites its whole subtree: that is the unit form's job, with its own checks.
      if (parentCode !== own.parentCode)
        errors.kode_induk = { key: "imports.cell.noMove", params: { current: own.parentCode ?? "—" } };
      return;
    }
    if (!parentCode) {
      // A new top unit is made by `npm run setup`, never by an import.
      errors.kode_induk = "unitParentRequired";
      return;
    }
    const storedParent = stored.get(parentCode);
    const fileParent = firstWith.get(parentCode);
    if (storedParent) {
      if (!canManage(storedParent.path)) errors.kode_induk = "imports.cell.parentOutside";
    } else if (fileParent !== undefined) parentRowOf.set(i, fileParent);
    else errors.kode_induk = "imports.cell.parentOutside";
  });

  // New units below new units: a loop among them is an error, and so is a unit below a row in error.
  for (const start of parentRowOf.keys()) {
    const seen: number[] = [];
    for (let at: number | undefined = start; at !== undefined; at = parentRowOf.get(at)) {
      if (seen.includes(at)) {
        for (const j of seen.slice(seen.indexOf(at))) rows[j]!.errors.kode_induk ??= "imports.cell.parentCycle";
        break;
      }
      seen.push(at);
    }
  }
  for (let moved = true; moved;) {
    moved = false;
    for (const [child, parent] of parentRowOf) {
      const c = rows[child]!;
      if (Object.keys(rows[parent]!.errors).length && !c.errors.kode_induk) {
        c.errors.kode_induk = { key: "imports.cell.parentRowError", params: { line: rows[parent]!.line } };
        moved = true;
      }
    }
  }

  parsed.forEach((d, i) => {
    if (!d) return;
    const own = stored.get(d.kode_unit);
    const changed = own
      ? [
          own.name !== d.nama && "nama",
          own.kind !== d.jenis && "jenis",
          own.timeZone !== d.zona_waktu && "zona_waktu",
        ].filter((c): c is string => !!c)
      : [];
    settle(
      rows[i]!,
      !!own,
      changed,
      {
        code: d.kode_unit,
        name: d.nama,
        kind: d.jenis,
        timeZone: d.zona_waktu,
        parentCode: d.kode_induk ?? null,
      },
      own
        ? {
            nama: own.name,
            jenis: own.kind,
            zona_waktu: zoneLabel[own.timeZone as keyof typeof zoneLabel] ?? own.timeZone,
          }
        : {},
    );
  });
  return finishPlan(rows);
}

import "server-only";
// How one cell crosses between Siar and a spreadsheet (decision 0013).
//
// A text starting with = + - or @ is what a spreadsheet runs as a formula ("formula injection"): the
// export writes it with a leading apostrophe, which spreadsheets show as text and do not run, and the
// import takes that apostrophe off again, so an export imports unchanged.
const FORMULA_START = /^[=+\-@]/;

export function toSheetCell(value: string | null | undefined): string {
  const s = value ?? "";
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function fromSheetCell(value: unknown): string {
  const s =
    value instanceof Date
      ? value.toISOString()
      : typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : "";
  const trimmed = s.trim();
  return trimmed.startsWith("'") && FORMULA_START.test(trimmed.slice(1)) ? trimmed.slice(1) : trimmed;
}

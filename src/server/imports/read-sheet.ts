import "server-only";
import { unzipSync } from "fflate";
import Papa from "papaparse";
import { readSheet as readXlsxSheet } from "read-excel-file/node";
import { columnsOf, importLimits, requiredColumns, type ImportKind } from "@/schemas/imports";
import { AppError } from "@/server/errors";
import { fromSheetCell } from "@/server/imports/sheet-cells";

/** One data row of a sheet: its line as the spreadsheet numbers it (the header is line 1) and its cells. */
export type SheetRow = { line: number; cells: Record<string, string> };

// What an unzipped workbook may hold: a 4 MB XLSX of 10,000 rows unpacks to a few tens of MB; a "zip bomb"
// declares far more, and is refused before anything is unpacked.
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

const fileError = (key: string, params: Record<string, string | number> = {}) =>
  new AppError("VALIDATION", "validation", { file: { key: `imports.file.${key}`, params } });

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function declaredUnzippedSize(bytes: Uint8Array): number {
  let total = 0;
  try {
    // The filter sees each entry's declared sizes and unpacks none of them.
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        return false;
      },
    });
  } catch {
    throw fileError("unreadable");
  }
  return total;
}

async function xlsxGrid(bytes: Uint8Array): Promise<unknown[][]> {
  if (declaredUnzippedSize(bytes) > MAX_UNZIPPED_BYTES)
    throw fileError("tooLarge", { maxMb: importLimits.maxBytes / 1024 / 1024 });
  try {
    // Numbers are kept as the text the sheet stores: a 17-digit platform id must not lose digits to a float.
    return await readXlsxSheet(Buffer.from(bytes), { parseNumber: (text) => text });
  } catch {
    throw fileError("unreadable");
  }
}

function csvGrid(bytes: Uint8Array): unknown[][] {
  // A binary file renamed to .csv (an image, an old .xls) gives itself away by a NUL byte; text has none.
  if (bytes.includes(0)) throw fileError("wrongType");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fileError("notUtf8");
  }
  // Papa Parse guesses the delimiter: spreadsheets set to Indonesian write ";" between cells.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) throw fileError("brokenQuotes", { line: (broken.row ?? 0) + 1 });
  return parsed.data;
}

/**
 * Reads an uploaded CSV or XLSX into rows of named cells (decision 0013). Checks its size and type before
 * parsing, its row count and columns after; every refusal is a message for the "file" field.
 */
export async function readSheet(kind: ImportKind, name: string, bytes: Uint8Array): Promise<SheetRow[]> {
  if (bytes.byteLength > importLimits.maxBytes)
    throw fileError("tooLarge", { maxMb: importLimits.maxBytes / 1024 / 1024 });
  if (bytes.byteLength === 0) throw fileError("empty");
  const ext = name.toLowerCase().match(/\.(csv|xlsx)$/)?.[1];
  // The name says what the operator meant; the first bytes must agree with it.
  if (ext === "xlsx" && !isZip(bytes)) throw fileError("wrongType");
  if (ext === "csv" && isZip(bytes)) throw fileError("wrongType");
  if (!ext) throw fileError("wrongType");
  const grid = ext === "xlsx" ? await xlsxGrid(bytes) : csvGrid(bytes);

  const [head, ...body] = grid;
  if (!head) throw fileError("empty");
  if (body.length > importLimits.maxRows) throw fileError("tooManyRows", { max: importLimits.maxRows });
  const known = new Set(columnsOf[kind]);
  const header = head.map((h) => fromSheetCell(h).toLowerCase().replace(/\s+/g, "_"));
  const missing = requiredColumns[kind].filter((c) => !header.includes(c));
  if (missing.length) throw fileError("missingColumns", { columns: missing.join(", ") });

  const rows: SheetRow[] = [];
  body.forEach((values, i) => {
    const cells: Record<string, string> = {};
    header.forEach((column, j) => {
      if (known.has(column) && !(column in cells)) cells[column] = fromSheetCell(values[j]);
    });
    // Spreadsheets keep empty lines between blocks; they are not rows.
    if (Object.values(cells).some((v) => v !== "")) rows.push({ line: i + 2, cells });
  });
  if (rows.length === 0) throw fileError("empty");
  return rows;
}

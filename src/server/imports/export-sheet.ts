import "server-only";
import Papa from "papaparse";
import writeXlsxFile from "write-excel-file/node";
import { platformLabel } from "@/lib/platforms";
import {
  accountColumns,
  columnsOf,
  exportFormatSchema,
  importKindSchema,
  unitColumns,
  zoneLabel,
  type ExportFormat,
  type ImportKind,
} from "@/schemas/imports";
import { timeZones } from "@/schemas/shared";
import { unitScope, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { assertMayImport, importAction } from "@/server/imports/run-import";
import { toSheetCell } from "@/server/imports/sheet-cells";
import type { DownloadFile } from "@/server/http/file-response";

type SheetFile = DownloadFile;

const zoneOf = (tz: string) => (timeZones.includes(tz as never) ? zoneLabel[tz as keyof typeof zoneLabel] : tz);

async function encode(
  columns: readonly string[],
  rows: string[][],
  format: ExportFormat,
  name: string,
): Promise<SheetFile> {
  // Every cell is text, and one that a spreadsheet would run as a formula is written so it is not (sheet-cells.ts).
  const safe = rows.map((r) => r.map(toSheetCell));
  if (format === "csv") {
    const text = `\uFEFF${Papa.unparse([columns as string[], ...safe], { newline: "\r\n" })}\r\n`;
    return { name: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: new TextEncoder().encode(text) };
  }
  const data = [columns, ...safe].map((r) => r.map((value) => ({ value, type: String })));
  const buffer = await writeXlsxFile(data, { sheet: name, stickyRowsCount: 1 }).toBuffer();
  return {
    name: `${name}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: new Uint8Array(buffer),
  };
}

const fileName = { units: "unit", accounts: "akun" } as const;

/** The template: the columns and no rows, in the format asked for. */
export async function importTemplate(actor: Actor, kindInput: unknown, formatInput: unknown): Promise<SheetFile> {
  const kind: ImportKind = importKindSchema.parse(kindInput);
  assertMayImport(actor, kind);
  return encode(columnsOf[kind], [], exportFormatSchema.parse(formatInput), `templat-${fileName[kind]}`);
}

/**
 * Everything the actor may import, in the import's own columns: imported back unchanged it changes nothing.
 * Units in parent-before-child order; accounts by unit, platform and handle.
 */
export async function exportSheet(actor: Actor, kindInput: unknown, formatInput: unknown): Promise<SheetFile> {
  const kind: ImportKind = importKindSchema.parse(kindInput);
  assertMayImport(actor, kind);
  const format = exportFormatSchema.parse(formatInput);
  const scope = unitScope(actor, importAction[kind]);
  if (kind === "units") {
    const units = await db.unit.findMany({
      where: scope,
      orderBy: [{ depth: "asc" }, { code: "asc" }],
      select: { code: true, name: true, kind: true, timeZone: true, parent: { select: { code: true } } },
    });
    const rows = units.map((u) => [u.code, u.parent?.code ?? "", u.name, u.kind, zoneOf(u.timeZone)]);
    return encode(unitColumns, rows, format, "unit");
  }
  const accounts = await db.socialAccount.findMany({
    where: { unit: scope },
    orderBy: [{ unit: { code: "asc" } }, { platform: "asc" }, { handle: "asc" }],
    select: {
      platform: true,
      handle: true,
      displayName: true,
      platformAccountId: true,
      profileUrl: true,
      unit: { select: { code: true } },
    },
  });
  const rows = accounts.map((a) => [
    platformLabel[a.platform],
    a.handle,
    a.displayName,
    a.platformAccountId,
    a.profileUrl ?? "",
    a.unit.code,
  ]);
  return encode(accountColumns, rows, format, "akun");
}

import { z } from "zod";
import { platformLabel, platforms } from "@/lib/platforms";
import { normaliseHandle } from "@/schemas/accounts";
import { normaliseZone } from "@/schemas/setup";
import { text, timeZones } from "@/schemas/shared";

// The spreadsheets an office keeps, as Siar reads and writes them (decision 0013). Column names are
// Indonesian and the same in the template, the import and the export, so an export imports unchanged.
export const importKinds = ["units", "accounts"] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindSchema = z.enum(importKinds, "notFound");

export const unitColumns = ["kode_unit", "kode_induk", "nama", "jenis", "zona_waktu"] as const;
export const accountColumns = [
  "platform",
  "handle",
  "nama_tampilan",
  "id_platform",
  "url_profil",
  "kode_unit_pemilik",
] as const;

/** Columns a file must have; the others may be left out (empty cells). */
export const requiredColumns: Record<ImportKind, readonly string[]> = {
  units: ["kode_unit", "kode_induk", "nama", "jenis", "zona_waktu"],
  accounts: ["platform", "handle", "kode_unit_pemilik"],
};
export const columnsOf: Record<ImportKind, readonly string[]> = { units: unitColumns, accounts: accountColumns };

/** Limits checked before a file is parsed (bytes) and before it is planned (rows). */
export const importLimits = { maxBytes: 4 * 1024 * 1024, maxRows: 10_000 } as const;

const code = (required: string) =>
  text()
    .trim()
    .toUpperCase()
    .min(1, required)
    .max(32, "unitCodeInvalid")
    .regex(/^[A-Z0-9-]+$/, "unitCodeInvalid");

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

// Zones are written WIB / WITA / WIT in an office's sheet; the IANA names are accepted too.
export const zoneLabel: Record<(typeof timeZones)[number], string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export const unitRowSchema = z.object({
  kode_unit: code("unitCodeRequired"),
  kode_induk: optional(code("unitCodeRequired")),
  nama: text().trim().min(1, "unitNameRequired").max(160),
  jenis: text().trim().min(1, "unitKindRequired").max(40),
  zona_waktu: z.preprocess(normaliseZone, z.enum(timeZones, "timeZoneUnknown")),
});
export type UnitRow = z.output<typeof unitRowSchema>;

/** "Instagram", "instagram", "INSTAGRAM", "Facebook" or "FACEBOOK_PAGE" name a platform; the label is written. */
function platformFromText(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  const found = platforms.find(
    (p) => p.toLowerCase().replace(/_/g, "") === key || platformLabel[p].toLowerCase().replace(/\s+/g, "") === key,
  );
  return found ?? (key === "twitter" ? "X" : key === "line" ? "LINE_OA" : raw);
}

export const accountRowSchema = z.object({
  platform: z.preprocess(platformFromText, z.enum(platforms, "platformUnknown")),
  handle: text()
    .overwrite(normaliseHandle)
    .min(1, "handleRequired")
    .max(100, "handleTooLong")
    .regex(/^[a-z0-9._-]+$/, "handleInvalid"),
  // Empty: a new account takes the handle; an existing one keeps what it has.
  nama_tampilan: optional(text().trim().max(160)),
  // Empty is allowed only for an account that exists (the planner says so for a new one).
  id_platform: optional(text().trim().max(100)),
  url_profil: optional(
    text()
      .trim()
      .max(500)
      .regex(/^https:\/\/[^\s]+$/, "profileUrlInvalid"),
  ),
  kode_unit_pemilik: code("imports.cell.ownerCodeRequired"),
});
export type AccountRow = z.output<typeof accountRowSchema>;

/** The confirmation names the preview it confirms, so a stale preview cannot write something else. */
export const commitSchema = z.object({ planHash: text().regex(/^[0-9a-f]{64}$/, "imports.stalePreview") });

export const exportFormatSchema = z.enum(["csv", "xlsx"]).catch("xlsx");
export type ExportFormat = z.output<typeof exportFormatSchema>;

export const importFates = ["new", "changed", "unchanged", "error"] as const;
export type ImportFate = (typeof importFates)[number];

/** One row of a preview as the browser receives it: messages already in the reader's language. */
export type PreviewRowView = {
  line: number;
  cells: Record<string, string>;
  fate: ImportFate;
  errors: Record<string, string>;
  changed: string[];
  /** The stored value of each changed column. */
  previous?: Record<string, string>;
};
export type PreviewView = { counts: Record<ImportFate, number>; planHash: string; rows: PreviewRowView[] };

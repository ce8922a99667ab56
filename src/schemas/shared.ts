import { z } from "zod";

// Building blocks the domain schemas share. Custom messages are keys of the "errors" namespace.
export const id = z.uuid();

/** Optional id from a form or query string, where "" means "none". */
export const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid().optional());

export const page = z.coerce.number().int().min(1).max(10_000).catch(1);

export const timeZones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;

export const searchText = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string()
    .max(100, "searchTooLong")
    .optional()
    .transform((v) => v || undefined),
);

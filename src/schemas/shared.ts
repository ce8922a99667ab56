import { z } from "zod";

// Building blocks the domain schemas share. Custom messages are keys of the "errors" namespace.

/**
 * No NUL byte (PostgreSQL refuses it in text) and no lone UTF-16 surrogate (it cannot be stored as UTF-8 and
 * would turn into another character): with the `u` flag a paired surrogate is one code point above U+FFFF.
 */
const cleanText = /^[^\u0000\uD800-\uDFFF]*$/u;

/** Every text from outside starts here (decision 0009): `z.string()` that refuses what cannot be stored. */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).regex(cleanText, "textInvalidCharacters");
export const id = z.uuid();

/** Optional id from a form or query string, where "" means "none". */
export const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid().optional());

export const page = z.coerce.number().int().min(1).max(10_000).catch(1);

export const timeZones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;

export const searchText = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  text()
    .max(100, "searchTooLong")
    .optional()
    .transform((v) => v || undefined),
);

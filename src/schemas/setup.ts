import { z } from "zod";
import { text, timeZones } from "@/schemas/shared";

/** "WIB", "wita" or "Asia/Makassar" all name a zone; the stored value is the IANA name. */
const zoneAliases: Record<string, (typeof timeZones)[number]> = {
  WIB: "Asia/Jakarta",
  WITA: "Asia/Makassar",
  WIT: "Asia/Jayapura",
};

export function normaliseZone(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const v = raw.trim();
  return zoneAliases[v.toUpperCase()] ?? timeZones.find((z) => z.toLowerCase() === v.toLowerCase()) ?? v;
}

// What `npm run setup` asks for: the organisation's top unit and its first SUPERADMIN.
// Messages are keys of the "setup" namespace (src/messages/*.json).
export const firstAdministratorSchema = z.object({
  rootCode: text()
    .trim()
    .toUpperCase()
    .min(1, "rootCodeRequired")
    .max(32, "rootCodeInvalid")
    .regex(/^[A-Z0-9-]+$/, "rootCodeInvalid"),
  rootName: text().trim().min(1, "rootNameRequired").max(160, "tooLong"),
  rootKind: text().trim().min(1, "rootKindRequired").max(40, "tooLong"),
  rootTimeZone: z.preprocess(normaliseZone, z.enum(timeZones, "timeZoneUnknown")),
  email: text().trim().toLowerCase().max(254, "tooLong").pipe(z.email("emailInvalid")),
  name: text().trim().min(1, "nameRequired").max(160, "tooLong"),
  password: text().min(12, "passwordTooShort").max(128, "tooLong"),
});
export type FirstAdministratorInput = z.input<typeof firstAdministratorSchema>;

import { z } from "zod";
import { id, text, timeZones } from "@/schemas/shared";

const fields = {
  name: text().trim().min(1, "unitNameRequired").max(160),
  code: text("unitCodeRequired")
    .trim()
    .toUpperCase()
    .min(1, "unitCodeRequired")
    .max(32)
    .regex(/^[A-Z0-9-]+$/, "unitCodeInvalid"),
  kind: text().trim().min(1, "unitKindRequired").max(40),
  timeZone: z.enum(timeZones, "timeZoneUnknown"),
  // Every unit hangs below one the SUPERADMIN manages; new roots are made by the seed or a migration.
  parentId: id,
};

export const createUnitSchema = z.object(fields);

// A root unit keeps no parent; every other unit must keep one.
export const updateUnitSchema = z.object({
  id,
  ...fields,
  parentId: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullable()),
});

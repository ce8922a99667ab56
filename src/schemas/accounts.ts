import { z } from "zod";
import { AccountVerification } from "@/generated/prisma/enums";
import { platforms } from "@/lib/platforms";
import { id, optionalId, page, searchText, text } from "@/schemas/shared";

export const accountStatuses = ["ACTIVE", "NEEDS_RECONNECT", "DISABLED"] as const;

/** "@Humas_Polri " and "humas_polri" are the same account: trimmed, no leading @, lower case. */
export function normaliseHandle(raw: string): string {
  return raw.trim().replace(/^@+/, "").toLowerCase();
}

const handle = text("handleRequired")
  .overwrite(normaliseHandle)
  .min(1, "handleRequired")
  .max(100, "handleTooLong")
  .regex(/^[a-z0-9._-]+$/, "handleInvalid");

const platform = z.enum(platforms, "platformUnknown");

const displayName = text().trim().min(1, "displayNameRequired").max(160);
const platformAccountId = text().trim().min(1, "platformAccountIdRequired").max(100);

/** Empty means "derive it from the platform and handle". */
const profileUrl = text()
  .trim()
  .max(500)
  .refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), "profileUrlInvalid")
  .optional()
  .transform((v) => v || undefined);

export const createAccountSchema = z.object({
  unitId: id,
  platform,
  handle,
  displayName,
  platformAccountId,
  profileUrl,
  verified: z.boolean().default(false),
  // Only official institutional accounts are registered: the person registering says so explicitly.
  officialConfirmed: z.literal(true, "officialConfirmRequired"),
});

export const updateAccountSchema = z.object({
  id,
  unitId: id,
  handle,
  displayName,
  platformAccountId,
  profileUrl,
  verified: z.boolean().default(false),
});

export const setAccountDisabledSchema = z.object({ id, disabled: z.boolean() });

const token = text().trim().min(1, "tokenRequired").max(4096, "tokenTooLong");

export const connectCredentialsSchema = z.object({
  id,
  accessToken: token,
  refreshToken: text()
    .trim()
    .max(4096, "tokenTooLong")
    .optional()
    .transform((v) => v || undefined),
  /** Wall-clock time in the account's unit zone, as a datetime-local input gives it. */
  expiresAt: text().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "expiryInvalid"),
});

export const assignAdminsSchema = z.object({
  id,
  userIds: z.array(id).max(20, "tooManyAdmins"),
});

export const accountListQuerySchema = z.object({
  unitId: optionalId.catch(undefined),
  platform: z.enum(platforms).optional().catch(undefined),
  status: z.enum(accountStatuses).optional().catch(undefined),
  verification: z.enum(AccountVerification).optional().catch(undefined),
  q: searchText.catch(undefined),
  page,
});

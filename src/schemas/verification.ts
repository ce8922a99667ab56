import { z } from "zod";
import { id, optionalId, page, text } from "@/schemas/shared";

export const verificationStates = ["PENDING", "VERIFIED", "REJECTED"] as const;
export type VerificationState = (typeof verificationStates)[number];

/** Verifying is done for one or many accounts at once, from the queue or an account's page. */
export const verifyAccountsSchema = z.object({
  ids: z.array(id).min(1, "verification.noneChosen").max(500, "verification.tooMany"),
});

/** A rejection always says why, so the registering unit can put it right. */
export const rejectAccountSchema = z.object({
  id,
  reason: text("verification.reasonRequired").trim().min(1, "verification.reasonRequired").max(500),
});

export const verificationQueueQuerySchema = z.object({ unitId: optionalId.catch(undefined), page });

import { z } from "zod";
import { id, text } from "@/schemas/shared";

// The boundaries of "Sambungkan akun": the start (which unit) and what the platform sends back.

export const startConnectionSchema = z.object({ unitId: id });

/** The platform's redirect back: a code and our state, or an error (the person refused, or the platform). */
export const connectionCallbackSchema = z.object({
  state: text().min(16).max(200).optional(),
  code: text().min(1).max(2_000).optional(),
  error: text().max(200).optional(),
});

const connectRefusals = [
  "denied",
  "stateInvalid",
  "stateExpired",
  "stateUsed",
  "platformError",
  "exchangeFailed",
  "registeredElsewhere",
  "wrongAccount",
  "handleTaken",
  "notConfigured",
  "forbidden",
] as const;
export type ConnectRefusal = (typeof connectRefusals)[number];

/** What the result page is told (in its address): the account connected, or why nothing was. */
export const connectResultSchema = z.object({
  outcome: z.enum(["connected", "refused"]),
  account: id.optional(),
  reason: z.enum(connectRefusals).optional(),
  platform: text().max(20).optional(),
});

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
  "scopesMissing",
  "noPagePicked",
  "handleTaken",
  "notConfigured",
  "forbidden",
] as const;
export type ConnectRefusal = (typeof connectRefusals)[number];

/** What the result page is told (in its address): the account connected, or why nothing was. */
export const connectResultSchema = z.object({
  outcome: z.enum(["connected", "refused"]),
  /** One account, or several (the Facebook Pages picked at once). */
  account: z
    .union([id, z.array(id).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  reason: z.enum(connectRefusals).optional(),
  platform: text().max(20).optional(),
});

/** The operator's pick among the Facebook Pages the person manages. */
export const pickPagesSchema = z.object({
  connectionId: id,
  pageIds: z.array(text().min(1).max(64)).max(50),
});

const channelSecret = text().trim().min(1, "lineChannelSecretRequired").max(200, "tokenTooLong");

/**
 * LINE: a channel access token pasted, or issued from the channel's id and secret. The secret is kept (sealed)
 * to verify the channel's webhook deliveries; with a pasted token it may be left empty ("" is none), and then
 * the channel's messages are verified with the installation's LINE_CHANNEL_SECRET.
 */
export const lineConnectSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("token"),
    unitId: id,
    accessToken: text().trim().min(1, "tokenRequired").max(4096, "tokenTooLong"),
    channelSecret: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      channelSecret.optional(),
    ),
  }),
  z.object({
    mode: z.literal("issue"),
    unitId: id,
    channelId: text()
      .trim()
      .regex(/^\d{6,20}$/, "lineChannelIdInvalid"),
    channelSecret,
  }),
]);

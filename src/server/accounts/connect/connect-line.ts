import "server-only";
import { checkLineChannelSecret, issueLineToken, verifyLineToken } from "@/platforms/connect-more";
import { lineConnectSchema } from "@/schemas/connect";
import type { Actor } from "@/server/auth/actor";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { register } from "@/server/accounts/connect/finish-connection";
import { lineSecretsChanged } from "@/server/interactions/line-channel-secrets";
import { loadUnitFor } from "@/server/units/unit-access";

// "Sambungkan akun" for LINE: no user OAuth, a channel access token instead, pasted or issued from the
// channel's id and secret. LINE verifies it and names the bot before anything is stored. The channel secret,
// when given, is kept sealed beside the token: LINE signs each channel's webhook deliveries with that channel's
// own secret (docs/platforms.md "Webhooks"). Then as the OAuth flows: registered under the unit, or
// reconnected (a reconnect without a secret keeps the one kept before).

export async function connectLine(actor: Actor, input: unknown, now = new Date()) {
  const data = lineConnectSchema.parse(input);
  const unit = await loadUnitFor(actor, "account.link", data.unitId);
  const cfg = { apiBaseUrl: env().LINE_API_BASE_URL, timeoutMs: env().PLATFORM_TIMEOUT_MS };
  let accessToken: string;
  if (data.mode === "issue") {
    const issued = await issueLineToken(cfg, data);
    if (issued.kind === "failed") {
      logger.info({ actorId: actor.id, message: issued.message }, "LINE refused to issue a channel token");
      throw new AppError("VALIDATION", "validation", { channelSecret: "lineChannelRefused" });
    }
    accessToken = issued.accessToken;
  } else accessToken = data.accessToken;
  const outcome = await verifyLineToken(cfg, accessToken);
  if (outcome.kind === "wrong_account")
    throw new AppError("VALIDATION", "validation", {
      [data.mode === "issue" ? "channelSecret" : "accessToken"]: "lineTokenRefused",
    });
  const [bot] = outcome.kind === "connected" ? outcome.accounts : [];
  if (!bot) throw new AppError("VALIDATION", "connect.refused.exchangeFailed");
  // A secret typed beside a pasted token is kept only if LINE says it is this channel's: a wrong one would make
  // every one of the channel's deliveries fail its signature, silently.
  if (data.mode === "token" && data.channelSecret) {
    const check = await checkLineChannelSecret(cfg, accessToken, data.channelSecret);
    if (check === "refused")
      throw new AppError("VALIDATION", "validation", { channelSecret: "lineSecretNotThisChannel" });
    if (check === "unknown") throw new AppError("VALIDATION", "connect.refused.exchangeFailed");
  }
  const result = await register(actor, "LINE_OA", unit, bot, now, { webhookSecret: data.channelSecret });
  if (result.kind !== "connected") throw new AppError("CONFLICT", `connect.refused.${result.reason}`);
  if (data.channelSecret) lineSecretsChanged();
  return { id: result.accountId };
}

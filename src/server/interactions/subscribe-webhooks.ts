import "server-only";
import { subscribeAppToAccount, type SubscribeOutcome } from "@/platforms/meta-subscribe";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { engineProducer } from "@/server/publishing/engine-queue";
import { markNeedsReconnect } from "@/server/publishing/refresh-account-token";

// Meta pushes a Page's comments and an Instagram account's comments and mentions only to an app installed on
// that account (docs/platforms.md "Subscribing each account"). Siar installs itself when an account is connected
// (a job, so a slow Graph never holds the operator's page), and a repeating round takes up every Facebook Page
// and Instagram account not subscribed yet: accounts connected before this existed, a subscription that failed,
// a reconnect. Without META_APP_SECRET nothing is subscribed: Siar then polls those accounts' comments instead.

const META = ["FACEBOOK_PAGE", "INSTAGRAM"] as const;
const ROUND_MAX = 5_000;

/** The Meta accounts whose app subscription is not made yet (ACTIVE, with a token), oldest first. */
export async function accountsToSubscribe(): Promise<string[]> {
  if (!env().META_APP_SECRET) return [];
  const rows = await db.socialAccount.findMany({
    where: { platform: { in: [...META] }, status: "ACTIVE", accessTokenEnc: { not: null }, webhooksSubscribedAt: null },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: ROUND_MAX,
  });
  return rows.map((r) => r.id);
}

/**
 * One account's subscription. Meta busy or unreachable: thrown, so the queue tries again with its backoff. A dead
 * token marks the account NEEDS_RECONNECT, as publishing does (a reconnect subscribes it again). A refusal for
 * good (a permission the person did not grant) is logged and left to the next round.
 */
export async function subscribeAccountWebhooks(
  accountId: string,
  now = new Date(),
): Promise<SubscribeOutcome["kind"] | "skipped"> {
  const e = env();
  if (!e.META_APP_SECRET) return "skipped";
  const a = await db.socialAccount.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      platform: true,
      platformAccountId: true,
      status: true,
      accessTokenEnc: true,
      credentialsUpdatedAt: true,
    },
  });
  if (!a || a.status !== "ACTIVE" || !a.accessTokenEnc) return "skipped";
  if (a.platform !== "FACEBOOK_PAGE" && a.platform !== "INSTAGRAM") return "skipped";
  const baseUrl = a.platform === "FACEBOOK_PAGE" ? e.FACEBOOK_GRAPH_BASE_URL : e.INSTAGRAM_GRAPH_BASE_URL;
  const outcome = await subscribeAppToAccount(
    { baseUrl, timeoutMs: e.PLATFORM_TIMEOUT_MS },
    a.platform,
    a.platformAccountId,
    open(a.accessTokenEnc),
  );
  switch (outcome.kind) {
    case "subscribed":
      await db.socialAccount.update({ where: { id: a.id }, data: { webhooksSubscribedAt: now } });
      logger.info({ accountId: a.id, platform: a.platform }, "Meta webhooks subscribed for the account");
      break;
    case "retry":
      throw new Error(`Meta did not take the webhook subscription yet: ${outcome.message}`);
    case "auth": {
      // Only the token this job read: one connected again meanwhile has a subscription job of its own.
      const now = await db.socialAccount.findUnique({ where: { id: a.id }, select: { credentialsUpdatedAt: true } });
      if (now?.credentialsUpdatedAt?.getTime() === a.credentialsUpdatedAt?.getTime())
        await markNeedsReconnect(a.id, outcome.message);
      break;
    }
    case "refused":
      logger.warn(
        { accountId: a.id, platform: a.platform, message: outcome.message },
        "Meta refused the webhook subscription; the account's comments will not arrive by webhook",
      );
      break;
  }
  return outcome.kind;
}

/**
 * After a Facebook Page or Instagram account was connected or given new tokens: its installation as a job, so the
 * operator does not wait on Graph. A queue that cannot be reached fails nothing here: the round takes it up.
 */
export async function queueWebhookSubscription(accountId: string, platform: string): Promise<void> {
  if (!env().META_APP_SECRET || !(META as readonly string[]).includes(platform)) return;
  try {
    await (await engineProducer()).enqueueAccountSubscriptions([accountId]);
  } catch (error) {
    logger.warn({ err: error, accountId }, "Could not queue the account's Meta webhook subscription");
  }
}

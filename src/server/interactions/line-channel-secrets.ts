import "server-only";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";

// LINE signs each channel's webhook deliveries with that channel's own secret (docs/platforms.md "Webhooks").
// An office runs many LINE Official Accounts, one channel each, so the secret is chosen by the channel the body
// names (`destination`, the bot's user id): the one kept sealed with the account when it was connected, or else
// the installation's LINE_CHANNEL_SECRET. The body is read before its signature is checked only to choose the
// secret; nothing in it is trusted or stored until the signature holds.
//
// The acknowledgement must stay fast (decision 0011): secrets are kept in memory per channel for a minute, at
// most 10,000 channels (unknown ones included, so a flood of made-up destinations costs one indexed read each
// and a bounded cache). Connecting a channel forgets its entry at once in this process; another process of the
// same installation sees the new secret within the minute.

const named = z.object({ destination: z.string().min(1).max(100) });

const secrets = new LRUCache<string, { secret: string | null }>({ max: 10_000, ttl: 60_000 });

function destinationOf(body: Buffer): string | null {
  try {
    return named.safeParse(JSON.parse(body.toString("utf8"))).data?.destination ?? null;
  } catch {
    return null;
  }
}

/** The secret that must have signed this LINE delivery: its channel's own, or the installation's. */
export async function lineSecretFor(body: Buffer, installationSecret: string): Promise<string> {
  const destination = destinationOf(body);
  if (!destination) return installationSecret;
  let kept = secrets.get(destination);
  if (!kept) {
    const row = await db.socialAccount.findUnique({
      where: { platform_platformAccountId: { platform: "LINE_OA", platformAccountId: destination } },
      select: { webhookSecretEnc: true },
    });
    kept = { secret: row?.webhookSecretEnc ? open(row.webhookSecretEnc) : null };
    secrets.set(destination, kept);
  }
  return kept.secret ?? installationSecret;
}

/** A channel connected again (perhaps with a new secret): its next delivery reads the secret afresh. */
export function forgetLineChannel(destination: string): void {
  secrets.delete(destination);
}

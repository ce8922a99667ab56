import "server-only";
import { z } from "zod";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { logger } from "@/server/logger";

// LINE signs each channel's webhook deliveries with that channel's own secret (docs/platforms.md "Webhooks").
// An office runs many LINE Official Accounts, one channel each, so the secret is chosen by the channel the body
// names (`destination`, the bot's user id): the one kept sealed with the account when it was connected, or else
// the installation's LINE_CHANNEL_SECRET. The body is read before its signature is checked only to choose the
// secret; nothing in it is trusted or stored until the signature holds.
//
// The acknowledgement must not wait on the database (decision 0011), and an unauthenticated sender must not be
// able to make it read: the kept secrets of every LINE channel (hundreds at most) are held in memory as one map,
// read in one statement and again after a minute. A request never reads the database for its own destination.
// If a refresh fails, the last map stays in use (and is tried again within seconds); only a process that never
// read it answers 503. Connecting a channel drops the map in that process; other processes of the installation
// see the new secret within the minute.

const REFRESH_MS = 60_000;
const RETRY_MS = 5_000;

const named = z.object({ destination: z.string().min(1).max(100) });

type Secrets = { byChannel: Map<string, string>; readAt: number };

let current: Secrets | null = null;
let reading: Promise<Secrets> | null = null;

async function read(): Promise<Secrets> {
  const rows = await db.socialAccount.findMany({
    where: { platform: "LINE_OA", webhookSecretEnc: { not: null } },
    select: { platformAccountId: true, webhookSecretEnc: true },
  });
  return {
    byChannel: new Map(rows.map((r) => [r.platformAccountId, open(r.webhookSecretEnc!)])),
    readAt: Date.now(),
  };
}

function secrets(): Promise<Secrets> {
  if (current && Date.now() - current.readAt < REFRESH_MS) return Promise.resolve(current);
  reading ??= read()
    .then(
      (fresh) => (current = fresh),
      (error: unknown) => {
        if (!current) throw error;
        logger.warn({ err: error }, "Could not read the LINE channels' secrets again; the last ones stay in use");
        current = { ...current, readAt: Date.now() - REFRESH_MS + RETRY_MS };
        return current;
      },
    )
    .finally(() => {
      reading = null;
    });
  return reading;
}

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
  return (await secrets()).byChannel.get(destination) ?? installationSecret;
}

/** A channel was connected (perhaps with a new secret): the next delivery reads the secrets afresh. */
export function lineSecretsChanged(): void {
  current = null;
}

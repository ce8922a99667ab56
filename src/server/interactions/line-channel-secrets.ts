import "server-only";
import { z } from "zod";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { verifyLineSignature } from "@/server/interactions/webhook-signature";

// LINE signs each channel's webhook deliveries with that channel's own secret (docs/platforms.md "Webhooks").
// An office runs many LINE Official Accounts, one channel each, so the secret is chosen by the channel the body
// names (`destination`, the bot's user id): the one kept sealed with the account when it was connected, or else
// the installation's LINE_CHANNEL_SECRET. The body is read before its signature is checked only to choose the
// secret; nothing in it is trusted or stored until the signature holds.
//
// The acknowledgement must not wait on the database (decision 0011), and an unauthenticated sender must not be
// able to make it read at will: the kept secrets of every LINE channel (hundreds at most) are held in memory as
// one map, read in one statement and again after a minute. A delivery that fails against the map is checked once
// more against a fresh read, but the map is read so at most every 2 seconds whatever arrives: that is how a
// channel connected a moment ago (by another process, or by another part of this server, whose modules may be
// their own copies) is taken at once. If a read fails, the last map stays in use; only a process that never
// read it answers 503.

const REFRESH_MS = 60_000;
const MISS_REFRESH_MS = 2_000;
const RETRY_MS = 5_000;

const named = z.object({ destination: z.string().min(1).max(100) });

type Secrets = { byChannel: Map<string, string>; readAt: number };

let current: Secrets | null = null;
let reading: Promise<Secrets> | null = null;
let reads = 0;

async function read(): Promise<Secrets> {
  reads += 1;
  const rows = await db.socialAccount.findMany({
    where: { platform: "LINE_OA", webhookSecretEnc: { not: null } },
    select: { platformAccountId: true, webhookSecretEnc: true },
  });
  return {
    byChannel: new Map(rows.map((r) => [r.platformAccountId, open(r.webhookSecretEnc!)])),
    readAt: Date.now(),
  };
}

function fresh(): Promise<Secrets> {
  reading ??= read()
    .then(
      (map) => (current = map),
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

function secrets(): Promise<Secrets> {
  return current && Date.now() - current.readAt < REFRESH_MS ? Promise.resolve(current) : fresh();
}

function destinationOf(body: Buffer): string | null {
  try {
    return named.safeParse(JSON.parse(body.toString("utf8"))).data?.destination ?? null;
  } catch {
    return null;
  }
}

/** Whether this LINE delivery is signed with its channel's own secret, or (keeping none) the installation's. */
export async function verifyLineDelivery(
  body: Buffer,
  signature: string | null,
  installationSecret: string,
): Promise<boolean> {
  const destination = destinationOf(body);
  const signedWith = (map: Secrets) =>
    verifyLineSignature(body, signature, (destination && map.byChannel.get(destination)) || installationSecret);
  let map = await secrets();
  if (signedWith(map)) return true;
  if (!destination || Date.now() - map.readAt < MISS_REFRESH_MS) return false;
  map = await fresh();
  return signedWith(map);
}

/** A channel was connected (perhaps with a new secret): the next delivery reads the secrets afresh. */
export function lineSecretsChanged(): void {
  current = null;
}

/** How many times this process has read the secrets (tests: never once per delivery). */
export function lineSecretReads(): number {
  return reads;
}

import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { ingestWebhookPayload, type IngestWebhookPayload } from "@/jobs/contract";
import { engineProducer } from "@/server/publishing/engine-queue";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { readCappedBody } from "@/server/http/read-body";
import { logger } from "@/server/logger";
import { verifyLineDelivery } from "@/server/interactions/line-channel-secrets";
import { storeInteractions } from "@/server/interactions/store-interactions";
import { instagramMentions, lineItems, metaItems, type MentionRef } from "@/server/interactions/webhook-payloads";
import { verifyMetaSignature } from "@/server/interactions/webhook-signature";

// The webhook route handlers (docs/platforms.md "Webhooks"). A platform's server calls them, not a
// signed-in person: the signature over the raw body is the authentication. A delivery with a bad or missing
// signature is refused (401) before anything is parsed or queued; a good one is queued and answered at once,
// and the worker stores its items (the platforms retry a webhook that answers slowly or not at all).

const MAX_BODY = 1_048_576;

type Enqueue = (payload: IngestWebhookPayload, jobId: string) => Promise<void>;

const defaultEnqueue: Enqueue = async (payload, jobId) => (await engineProducer()).enqueueIngest(payload, jobId);

const refuse = (status: 401 | 413 | 503, code: string) =>
  NextResponse.json({ error: { code } }, { status, headers: { "cache-control": "no-store" } });

/**
 * The raw body, counted while it streams in: a body sent without a length (chunked) is refused at the cap, not
 * read whole. The proxy does not run for these routes (decision 0009), so Next's own limit on what the proxy
 * buffers does not stand in front of them.
 */
async function rawBody(request: Request): Promise<Buffer | null> {
  const bytes = await readCappedBody(request, MAX_BODY);
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}

async function accept(source: IngestWebhookPayload["source"], body: Buffer, enqueue: Enqueue) {
  // The same delivery repeated while its job waits is one job; once stored, the unique key keeps it one row.
  const jobId = `ingest-${source}-${createHash("sha256").update(body).digest("hex")}`;
  try {
    await enqueue({ source, body: body.toString("utf8") }, jobId);
  } catch (error) {
    // Not stored, not queued: the platform sees a failure and delivers again.
    logger.error({ err: error, source }, "Could not queue a webhook delivery");
    return refuse(503, "UNAVAILABLE");
  }
  return NextResponse.json({ ok: true }, { status: 200, headers: { "cache-control": "no-store" } });
}

/** POST /api/webhooks/line */
export async function lineWebhook(request: Request, enqueue: Enqueue = defaultEnqueue): Promise<NextResponse> {
  const body = await rawBody(request);
  if (!body) return refuse(413, "TOO_LARGE");
  let verified: boolean;
  try {
    verified = await verifyLineDelivery(body, request.headers.get("x-line-signature"), env().LINE_CHANNEL_SECRET);
  } catch (error) {
    // The channels' secrets could not be read: LINE sees a failure (and delivers again where redelivery is on).
    logger.error({ err: error }, "Could not read the LINE channels' secrets");
    return refuse(503, "UNAVAILABLE");
  }
  if (!verified) return refuse(401, "BAD_SIGNATURE");
  return accept("line", body, enqueue);
}

/** POST /api/webhooks/meta */
export async function metaWebhook(request: Request, enqueue: Enqueue = defaultEnqueue): Promise<NextResponse> {
  const body = await rawBody(request);
  if (!body) return refuse(413, "TOO_LARGE");
  if (!verifyMetaSignature(body, request.headers.get("x-hub-signature-256"), env().META_APP_SECRET))
    return refuse(401, "BAD_SIGNATURE");
  return accept("meta", body, enqueue);
}

/** GET /api/webhooks/meta: Meta's subscription check echoes hub.challenge when the verify token matches. */
export function metaVerification(request: Request): Response {
  const params = new URL(request.url).searchParams;
  const token = env().META_VERIFY_TOKEN;
  const given = params.get("hub.verify_token") ?? "";
  const challenge = params.get("hub.challenge") ?? "";
  const tokensMatch =
    token.length > 0 && createHash("sha256").update(given).digest().equals(createHash("sha256").update(token).digest());
  if (params.get("hub.mode") !== "subscribe" || !tokensMatch || !/^[A-Za-z0-9_-]{1,200}$/.test(challenge))
    return new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain" } });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain" } });
}

/** Gives each Instagram mention its read job (src/server/interactions/fetch-mention.ts). */
export type EnqueueMentions = (refs: readonly MentionRef[]) => Promise<void>;

/**
 * The worker's job: parse a verified delivery and store its items once. Instagram mentions carry only ids: those
 * not stored yet get a job that reads their words with the account's token.
 */
export async function ingestWebhook(data: unknown, enqueueMentions?: EnqueueMentions): Promise<number> {
  const payload = ingestWebhookPayload.parse(data);
  let body: unknown;
  try {
    body = JSON.parse(payload.body);
  } catch {
    logger.warn({ source: payload.source }, "Signed webhook body is not JSON; nothing stored");
    return 0;
  }
  const items = payload.source === "line" ? lineItems(body) : metaItems(body);
  if (!items) {
    logger.warn({ source: payload.source }, "Signed webhook body has an unknown shape; nothing stored");
    return 0;
  }
  const stored = await storeInteractions(items);
  const mentions = payload.source === "meta" ? instagramMentions(body) : [];
  if (mentions.length > 0 && enqueueMentions) {
    const known = await db.interaction.findMany({
      where: { platform: "INSTAGRAM", externalId: { in: mentions.map((m) => m.commentId ?? m.mediaId) } },
      select: { externalId: true },
    });
    const have = new Set(known.map((k) => k.externalId));
    await enqueueMentions(mentions.filter((m) => !have.has(m.commentId ?? m.mediaId)));
  }
  return stored;
}

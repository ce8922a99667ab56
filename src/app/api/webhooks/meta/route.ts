import { metaVerification, metaWebhook } from "@/server/interactions/ingest-webhook";

/** GET /api/webhooks/meta: the subscription check (hub.mode, hub.verify_token, hub.challenge). */
export function GET(request: Request) {
  return metaVerification(request);
}

/** POST /api/webhooks/meta: Page and Instagram events, signed with X-Hub-Signature-256 (no session). */
export async function POST(request: Request) {
  return metaWebhook(request);
}

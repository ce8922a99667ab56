import { lineWebhook } from "@/server/interactions/ingest-webhook";

/** POST /api/webhooks/line: LINE Messaging API events, signed with X-Line-Signature (no session). */
export async function POST(request: Request) {
  return lineWebhook(request);
}

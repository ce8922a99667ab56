import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// Webhooks are not signed-in requests: their only proof of origin is the platform's signature over the raw
// body with a secret shared with Siar (docs/platforms.md "Webhooks"). Compared in constant time.

function sameBytes(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** LINE Messaging API: `X-Line-Signature` is base64(HMAC-SHA256(channel secret, raw body)). */
export function verifyLineSignature(rawBody: Buffer, header: string | null, channelSecret: string): boolean {
  if (!header || !channelSecret) return false;
  const expected = createHmac("sha256", channelSecret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(header, "base64");
  } catch {
    return false;
  }
  // Buffer.from ignores what is not base64; the round trip makes a mangled header fail instead of shrinking.
  if (given.toString("base64") !== header) return false;
  return sameBytes(expected, given);
}

/** Meta (Facebook Pages, Instagram): `X-Hub-Signature-256` is "sha256=" + hex(HMAC-SHA256(app secret, raw body)). */
export function verifyMetaSignature(rawBody: Buffer, header: string | null, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header);
  if (!match) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return sameBytes(expected, Buffer.from(match[1]!.toLowerCase(), "hex"));
}
